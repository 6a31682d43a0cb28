package dev.lanes.reference.dense;

import dev.lanes.reference.Args;

/**
 * Scalar oracle for a dense (fully connected) layer, y = x W + bias.
 *
 * <p>Axes, all row-major: x is (n, in) from {@code xOff}, W is (in, out) as a Keras kernel, exactly
 * in * out elements with no offset, bias has out elements or is null, y is (n, out) from {@code yOff}.
 *
 * <p>Every method reads only the spans it is given, overwrites its outputs' spans completely, and
 * validates every argument before writing anything (an {@link IllegalArgumentException} names the
 * argument, the expected and the actual value). An output may not be the same array as an input.
 */
public final class DenseReference {
  private DenseReference() {}

  /** y[r, o] = bias[o] + sum over k of x[r, k] * W[k, o]. Reads x, w and bias (nullable); writes y. */
  public static void forward(
      int n, int in, int out, double[] x, int xOff, double[] w, double[] bias, double[] y, int yOff) {
    requireExtents(n, in, out);
    Args.span("x", x, xOff, (long) n * in);
    Args.vector("w", w, weightCount(in, out), false);
    Args.vector("bias", bias, out, true);
    Args.span("y", y, yOff, (long) n * out);
    Args.distinct("y", y, "x", x);
    Args.distinct("y", y, "w", w);
    Args.distinct("y", y, "bias", bias);

    for (int r = 0; r < n; r++) {
      for (int o = 0; o < out; o++) {
        double sum = 0;
        for (int k = 0; k < in; k++) {
          sum += x[xOff + r * in + k] * w[k * out + o];
        }
        y[yOff + r * out + o] = bias == null ? sum : sum + bias[o];
      }
    }
  }

  /**
   * dx[r, k] = sum over o of dy[r, o] * W[k, o]; dW[k, o] = sum over r of x[r, k] * dy[r, o];
   * dbias[o] = sum over r of dy[r, o]. Reads x, w and dy; writes dx (nullable: not computed, as for a
   * first layer), dw and dbias (nullable).
   */
  public static void backward(
      int n, int in, int out, double[] x, int xOff, double[] w, double[] dy, int dyOff,
      double[] dx, int dxOff, double[] dw, double[] dbias) {
    requireExtents(n, in, out);
    Args.span("x", x, xOff, (long) n * in);
    Args.vector("w", w, weightCount(in, out), false);
    Args.span("dy", dy, dyOff, (long) n * out);
    if (dx != null) {
      Args.span("dx", dx, dxOff, (long) n * in);
    }
    Args.vector("dw", dw, weightCount(in, out), false);
    Args.vector("dbias", dbias, out, true);
    Args.distinct("dx", dx, "x", x);
    Args.distinct("dx", dx, "w", w);
    Args.distinct("dx", dx, "dy", dy);
    Args.distinct("dw", dw, "x", x);
    Args.distinct("dw", dw, "w", w);
    Args.distinct("dw", dw, "dy", dy);
    Args.distinct("dw", dw, "dx", dx);
    Args.distinct("dbias", dbias, "x", x);
    Args.distinct("dbias", dbias, "w", w);
    Args.distinct("dbias", dbias, "dy", dy);
    Args.distinct("dbias", dbias, "dx", dx);
    Args.distinct("dbias", dbias, "dw", dw);

    if (dx != null) {
      for (int r = 0; r < n; r++) {
        for (int k = 0; k < in; k++) {
          double sum = 0;
          for (int o = 0; o < out; o++) {
            sum += dy[dyOff + r * out + o] * w[k * out + o];
          }
          dx[dxOff + r * in + k] = sum;
        }
      }
    }
    for (int k = 0; k < in; k++) {
      for (int o = 0; o < out; o++) {
        double sum = 0;
        for (int r = 0; r < n; r++) {
          sum += x[xOff + r * in + k] * dy[dyOff + r * out + o];
        }
        dw[k * out + o] = sum;
      }
    }
    if (dbias != null) {
      for (int o = 0; o < out; o++) {
        double sum = 0;
        for (int r = 0; r < n; r++) {
          sum += dy[dyOff + r * out + o];
        }
        dbias[o] = sum;
      }
    }
  }

  private static void requireExtents(int n, int in, int out) {
    Args.positive("n", n);
    Args.positive("in", in);
    Args.positive("out", out);
  }

  /** in * out, which must fit an array. */
  private static int weightCount(int in, int out) {
    long count = (long) in * out;
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "w: expected at most " + Integer.MAX_VALUE + " elements (in * out), actual " + count);
    }
    return (int) count;
  }
}
