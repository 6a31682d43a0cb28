package dev.lanes.kernels;

/** Activation fused after batch norm: {@code y = act(gamma * xhat + beta)}. */
public enum Activation {
  NONE,
  /**
   * {@code z > 0 ? z : 0}, so NaN and -0 give +0; backward passes dy where z > 0 and 0 elsewhere
   * (also at z = 0, and for an infinite or NaN dy).
   */
  RELU,
  /** 1 / (1 + e^-z). */
  SIGMOID
}
