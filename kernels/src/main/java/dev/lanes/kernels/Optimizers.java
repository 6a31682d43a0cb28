package dev.lanes.kernels;

/**
 * One optimizer step over {@code count} (at least 1) elements of each array from its offset, in place on
 * the weights (and the optimizer state). The spans of w, g and v must not overlap one another (they may
 * lie in one array). Every method validates all its arguments before it writes anything
 * ({@link IllegalArgumentException} naming the argument, the expected and the actual value). Each
 * element's result depends on its own inputs alone, never on its position or the parallelism. An
 * instance is used by one thread at a time.
 */
public interface Optimizers {

  /**
   * RMSprop, as the oracle {@code RmsPropReference}: {@code v = rho * v + (1 - rho) * g^2},
   * {@code w = w - lr * g / (sqrt(v) + eps)}; lr > 0, rho in [0, 1), eps > 0, all finite.
   */
  void rmsProp(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int count, float lr,
      float rho, float eps);

  /** Plain SGD, {@code w = w - lr * g}; lr finite > 0. */
  void sgd(float[] w, int wOff, float[] g, int gOff, int count, float lr);
}
