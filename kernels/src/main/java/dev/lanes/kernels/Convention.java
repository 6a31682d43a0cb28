package dev.lanes.kernels;

/** How forward training folds the batch statistics into the running (moving) statistics. */
public enum Convention {
  /**
   * Keras (the default): {@code run = momentum * run + (1 - momentum) * batch}, biased batch variance;
   * defaults momentum 0.99, eps 1e-3.
   */
  KERAS,
  /**
   * PyTorch: {@code run = (1 - momentum) * run + momentum * batch}, unbiased batch variance
   * {@code var * M / (M - 1)} (for M = 1 the biased one, 0); defaults momentum 0.1, eps 1e-5.
   */
  PYTORCH
}
