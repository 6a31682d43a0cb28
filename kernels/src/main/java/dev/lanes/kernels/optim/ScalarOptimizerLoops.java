package dev.lanes.kernels.optim;

/** The optimizer loops in plain Java; {@code (float) Math.sqrt(v)} is the correctly rounded root. */
final class ScalarOptimizerLoops implements OptimizerLoops {

  @Override
  public String describe() {
    return "scalar";
  }

  @Override
  public void rmsProp(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int len,
      float lr, float rho, float eps) {
    float keep = 1 - rho;
    for (int i = 0; i < len; i++) {
      float gi = g[gOff + i];
      float vi = rho * v[vOff + i] + keep * gi * gi;
      v[vOff + i] = vi;
      w[wOff + i] -= lr * gi / ((float) Math.sqrt(vi) + eps);
    }
  }

  @Override
  public void sgd(float[] w, int wOff, float[] g, int gOff, int len, float lr) {
    for (int i = 0; i < len; i++) {
      w[wOff + i] -= lr * g[gOff + i];
    }
  }
}
