package dev.lanes.kernels.activation;

/** The activation loops in plain Java; the sigmoid is evaluated in double through {@link Math#exp}. */
final class ScalarActivationLoops implements ActivationLoops {

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
      float v = x[xOff + i];
      y[yOff + i] = v > 0 ? v : 0f;
    }
  }

  @Override
  public void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff,
      int len) {
    for (int i = 0; i < len; i++) {
      dx[dxOff + i] = x[xOff + i] > 0 ? dy[dyOff + i] : 0f;
    }
  }
}
