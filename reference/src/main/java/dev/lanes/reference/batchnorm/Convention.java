package dev.lanes.reference.batchnorm;

/** How forward training folds the batch statistics into the running (moving) statistics. */
public enum Convention {
  /**
   * Keras (the default, as in the chapter): {@code run = momentum * run + (1 - momentum) * batch} with the
   * biased batch variance; layer defaults momentum 0.99, eps 1e-3.
   */
  KERAS,
  /**
   * PyTorch: {@code run = (1 - momentum) * run + momentum * batch} with the unbiased batch variance
   * {@code var * M / (M - 1)} (M = 1 uses the biased variance, 0, since PyTorch rejects that case and
   * Lanes defines it); defaults momentum 0.1, eps 1e-5.
   */
  PYTORCH
}
