package dev.lanes.kernels.optim;

/**
 * The update loops of {@link BlockedOptimizers}, in plain Java ({@code ScalarOptimizerLoops}) and on the
 * Vector API ({@code PanamaOptimizerLoops}), over {@code len} elements from each offset. Both use the
 * same float operations in the same order (no fused multiply-add), so they give the same bits.
 */
interface OptimizerLoops {

  String describe();

  /** {@code v = rho * v + ((1 - rho) * g) * g; w = w - (lr * g) / (sqrt(v) + eps)}. */
  void rmsProp(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int len, float lr,
      float rho, float eps);

  /** {@code w = w - lr * g}. */
  void sgd(float[] w, int wOff, float[] g, int gOff, int len, float lr);
}
