package dev.lanes.reference.activation;

import dev.lanes.reference.Args;

/**
 * Element-wise sigmoid and ReLU, forward and backward, on {@code count} consecutive elements of each
 * array from its offset. Each method reads its input spans and writes only its output span.
 *
 * <p>Aliasing: an output may be the same array as an input when both spans start at the same offset
 * (in place: every element is read before the same index is written); a partly overlapping span is
 * rejected.
 */
public final class ActivationReference {
  private ActivationReference() {}

  /** Reads {@code x}, writes {@code y = 1 / (1 + e^-x)}; in place ({@code y == x}, same offset) allowed. */
  public static void sigmoidForward(double[] x, int xOff, double[] y, int yOff, int count) {
    checkForward(x, xOff, y, yOff, count);
    for (int i = 0; i < count; i++) {
      y[yOff + i] = sigmoid(x[xOff + i]);
    }
  }

  /**
   * Reads the forward OUTPUT {@code y} and the upstream gradient {@code dy}, writes
   * {@code dx = dy * y * (1 - y)}.
   */
  public static void sigmoidBackward(
      double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff, int count) {
    checkBackward("y", y, yOff, dy, dyOff, dx, dxOff, count);
    for (int i = 0; i < count; i++) {
      double s = y[yOff + i];
      dx[dxOff + i] = dy[dyOff + i] * s * (1 - s);
    }
  }

  /** Reads {@code x}, writes {@code y = max(x, 0)}; in place ({@code y == x}, same offset) allowed. */
  public static void reluForward(double[] x, int xOff, double[] y, int yOff, int count) {
    checkForward(x, xOff, y, yOff, count);
    for (int i = 0; i < count; i++) {
      double v = x[xOff + i];
      y[yOff + i] = v > 0 ? v : 0;
    }
  }

  /**
   * Reads the forward INPUT {@code x} and {@code dy}, writes {@code dx = x > 0 ? dy : 0}. The derivative
   * at exactly 0 is taken as 0 (the subgradient Keras, PyTorch and oneDNN use), so a dead unit passes
   * no gradient.
   */
  public static void reluBackward(
      double[] x, int xOff, double[] dy, int dyOff, double[] dx, int dxOff, int count) {
    checkBackward("x", x, xOff, dy, dyOff, dx, dxOff, count);
    for (int i = 0; i < count; i++) {
      dx[dxOff + i] = x[xOff + i] > 0 ? dy[dyOff + i] : 0;
    }
  }

  /** The logistic function 1 / (1 + e^-v), as e^v / (1 + e^v) for v < 0 so that e^-v never overflows. */
  public static double sigmoid(double v) {
    if (v >= 0) {
      return 1 / (1 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1 + e);
  }

  private static void checkForward(double[] x, int xOff, double[] y, int yOff, int count) {
    Args.positive("count", count);
    Args.span("x", x, xOff, count);
    Args.span("y", y, yOff, count);
    sameOrDisjoint("x", x, xOff, "y", y, yOff, count);
  }

  private static void checkBackward(String inName, double[] in, int inOff, double[] dy, int dyOff,
      double[] dx, int dxOff, int count) {
    Args.positive("count", count);
    Args.span(inName, in, inOff, count);
    Args.span("dy", dy, dyOff, count);
    Args.span("dx", dx, dxOff, count);
    sameOrDisjoint(inName, in, inOff, "dx", dx, dxOff, count);
    sameOrDisjoint("dy", dy, dyOff, "dx", dx, dxOff, count);
  }

  // An output span that starts inside an input span at another offset would overwrite unread input.
  private static void sameOrDisjoint(
      String inName, double[] in, int inOff, String outName, double[] out, int outOff, int count) {
    if (in == out && inOff != outOff && Math.abs((long) inOff - outOff) < count) {
      throw new IllegalArgumentException(outName + " offset: expected " + inOff + " (in place on "
          + inName + ") or a span disjoint from " + inName + "'s [" + inOff + ", " + (inOff + count)
          + "), actual " + outOff);
    }
  }
}
