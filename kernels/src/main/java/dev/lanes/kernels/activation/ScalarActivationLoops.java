package dev.lanes.kernels.activation;

/**
 * The activation loops in plain Java; the sigmoid is evaluated in double through {@link Math#exp}. The
 * ReLU loops avoid {@code v > 0 ? v : 0}: C2 compiles a float select to a branch, which on activations
 * of random sign mispredicted half the time (about 4 ns per element); these forms take 0.5-0.7 ns.
 */
final class ScalarActivationLoops implements ActivationLoops {
  private static final int POSITIVE_INFINITY_BITS = 0x7f800000;

  @Override
  public String describe() {
    return "scalar";
  }

  @Override
  public void sigmoidForward(float[] x, int xOff, float[] y, int yOff, int len) {
    for (int i = 0; i < len; i++) {
      y[yOff + i] = (float) (1 / (1 + Math.exp(-x[xOff + i])));
    }
  }

  @Override
  public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
      int len) {
    for (int i = 0; i < len; i++) {
      float s = y[yOff + i];
      dx[dxOff + i] = dy[dyOff + i] * s * (1 - s);
    }
  }

  @Override
  public void reluForward(float[] x, int xOff, float[] y, int yOff, int len) {
    for (int i = 0; i < len; i++) {
      // max(v, 0) is v > 0 ? v : +0 but for NaN, which the (well predicted) test maps to 0
      float r = Math.max(x[xOff + i], 0f);
      y[yOff + i] = r == r ? r : 0f;
    }
  }

  @Override
  public void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff,
      int len) {
    for (int i = 0; i < len; i++) {
      // x > 0 exactly when its bits b lie in [1, 0x7f800000] (+infinity): then -b and b - 0x7f800001
      // are both negative, and the mask is all ones (-0.0, b = MIN_VALUE, fails the second test)
      int b = Float.floatToRawIntBits(x[xOff + i]);
      int positive = (-b >> 31) & ((b - POSITIVE_INFINITY_BITS - 1) >> 31);
      dx[dxOff + i] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[dyOff + i]) & positive);
    }
  }
}
