package dev.lanes.reference.pool;

import dev.lanes.reference.Args;
import dev.lanes.reference.Shape;

/**
 * Scalar oracle for 2-D max pooling.
 *
 * <p>Axes: x is (n, c, h, w) and y is (n, c, outH, outW), both in the input's layout from their offsets;
 * output (oy, ox) of channel c is the maximum of the window of rows oy * stride .. oy * stride + kernel - 1
 * and columns ox * stride .. ox * stride + kernel - 1 of that channel.
 *
 * <p>Ties: the window's argmax is its FIRST maximum in (row, column) scan order, so with equal values the
 * top-most, then left-most one receives the gradient. NaN: a NaN is larger than every number (as
 * {@link Math#max}), so a window holding one yields NaN and its first NaN receives the gradient.
 *
 * <p>Every method reads only the spans it is given, overwrites its output's span completely, and
 * validates every argument before writing anything (an {@link IllegalArgumentException} names the
 * argument, the expected and the actual value). An output may not be the same array as an input.
 */
public final class MaxPoolReference {
  private MaxPoolReference() {}

  /** y[n, c, oy, ox] = max of x over the window. Reads x; writes y. */
  public static void forward(Pool2dShape s, double[] x, int xOff, double[] y, int yOff) {
    requireShape(s);
    Shape in = s.input();
    Shape out = s.output();
    Args.span("x", x, xOff, in.size());
    Args.span("y", y, yOff, out.size());
    Args.distinct("y", y, "x", x);

    for (int n = 0; n < in.n(); n++) {
      for (int c = 0; c < in.c(); c++) {
        for (int oy = 0; oy < s.outH(); oy++) {
          for (int ox = 0; ox < s.outW(); ox++) {
            y[yOff + out.index(n, c, oy, ox)] = x[xOff + argmax(s, x, xOff, n, c, oy, ox)];
          }
        }
      }
    }
  }

  /**
   * dx = 0, then dx[argmax of each window] += dy[n, c, oy, ox], the argmax recomputed from x; overlapping
   * windows accumulate. Reads x and dy; writes dx.
   */
  public static void backward(
      Pool2dShape s, double[] x, int xOff, double[] dy, int dyOff, double[] dx, int dxOff) {
    requireShape(s);
    Shape in = s.input();
    Shape out = s.output();
    Args.span("x", x, xOff, in.size());
    Args.span("dy", dy, dyOff, out.size());
    Args.span("dx", dx, dxOff, in.size());
    Args.distinct("dx", dx, "x", x);
    Args.distinct("dx", dx, "dy", dy);

    for (int i = 0; i < in.size(); i++) {
      dx[dxOff + i] = 0;
    }
    for (int n = 0; n < in.n(); n++) {
      for (int c = 0; c < in.c(); c++) {
        for (int oy = 0; oy < s.outH(); oy++) {
          for (int ox = 0; ox < s.outW(); ox++) {
            dx[dxOff + argmax(s, x, xOff, n, c, oy, ox)] += dy[dyOff + out.index(n, c, oy, ox)];
          }
        }
      }
    }
  }

  /** Offset (relative to xOff) of the first maximum of window (oy, ox) of channel c of image n. */
  private static int argmax(Pool2dShape s, double[] x, int xOff, int n, int c, int oy, int ox) {
    Shape in = s.input();
    int best = in.index(n, c, oy * s.stride(), ox * s.stride());
    for (int ky = 0; ky < s.kernel(); ky++) {
      for (int kx = 0; kx < s.kernel(); kx++) {
        int i = in.index(n, c, oy * s.stride() + ky, ox * s.stride() + kx);
        double v = x[xOff + i];
        double max = x[xOff + best];
        // Strictly greater keeps the first maximum; the NaN clause makes the first NaN win.
        if (v > max || (Double.isNaN(v) && !Double.isNaN(max))) {
          best = i;
        }
      }
    }
    return best;
  }

  private static void requireShape(Pool2dShape s) {
    if (s == null) {
      throw new IllegalArgumentException("s: expected a Pool2dShape, actual null");
    }
  }
}
