package dev.lanes.kernels.dense;

import dev.lanes.kernels.internal.Checks;

/** Argument validation of the dense entry points, all of it before anything is written. */
final class DenseChecks {
  private DenseChecks() {}

  static void forward(int n, int in, int out, float[] x, int xOff, float[] w, int wOff, float[] b,
      int bOff, float[] y, int yOff) {
    extents(n, in, out);
    int xLen = n * in;
    int wLen = in * out;
    int yLen = n * out;
    Checks.span("x", x, xOff, xLen);
    Checks.span("w", w, wOff, wLen);
    if (b != null) {
      Checks.span("b", b, bOff, out);
    }
    Checks.span("y", y, yOff, yLen);
    Checks.disjoint("y", y, yOff, yLen, "x", x, xOff, xLen);
    Checks.disjoint("y", y, yOff, yLen, "w", w, wOff, wLen);
    Checks.disjoint("y", y, yOff, yLen, "b", b, bOff, out);
  }

  static void backwardData(int n, int in, int out, float[] dy, int dyOff, float[] w, int wOff,
      float[] dx, int dxOff) {
    extents(n, in, out);
    int dyLen = n * out;
    int wLen = in * out;
    int dxLen = n * in;
    Checks.span("dy", dy, dyOff, dyLen);
    Checks.span("w", w, wOff, wLen);
    Checks.span("dx", dx, dxOff, dxLen);
    Checks.disjoint("dx", dx, dxOff, dxLen, "dy", dy, dyOff, dyLen);
    Checks.disjoint("dx", dx, dxOff, dxLen, "w", w, wOff, wLen);
  }

  static void backwardWeights(int n, int in, int out, float[] x, int xOff, float[] dy, int dyOff,
      float[] dw, int dwOff, float[] db, int dbOff) {
    extents(n, in, out);
    int xLen = n * in;
    int dyLen = n * out;
    int dwLen = in * out;
    Checks.span("x", x, xOff, xLen);
    Checks.span("dy", dy, dyOff, dyLen);
    Checks.span("dw", dw, dwOff, dwLen);
    if (db != null) {
      Checks.span("db", db, dbOff, out);
    }
    Checks.disjoint("dw", dw, dwOff, dwLen, "x", x, xOff, xLen);
    Checks.disjoint("dw", dw, dwOff, dwLen, "dy", dy, dyOff, dyLen);
    Checks.disjoint("dw", dw, dwOff, dwLen, "db", db, dbOff, out);
    Checks.disjoint("db", db, dbOff, out, "x", x, xOff, xLen);
    Checks.disjoint("db", db, dbOff, out, "dy", dy, dyOff, dyLen);
  }

  /** n, in, out > 0, and every matrix of the layer fits an array. */
  private static void extents(int n, int in, int out) {
    Checks.positive("n", n);
    Checks.positive("in", in);
    Checks.positive("out", out);
    Checks.product("x (n * in)", n, in);
    Checks.product("w (in * out)", in, out);
    Checks.product("y (n * out)", n, out);
  }
}
