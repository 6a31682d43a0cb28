package dev.lanes.kernels;

/** Activation fused after batch norm: {@code y = act(gamma * xhat + beta)}. */
public enum Activation {
  NONE,
  /** max(z, 0); its derivative at exactly 0 is 0. */
  RELU,
  /** 1 / (1 + e^-z). */
  SIGMOID
}
