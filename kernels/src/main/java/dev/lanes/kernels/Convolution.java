package dev.lanes.kernels;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning framework) with its two gradients.
 * Activations are in the shape's layout; weights are OIHW for NCHW and OHWI for NHWC; bias has cout
 * values. Every method validates all its arguments before writing, overwrites its outputs completely and
 * gives bitwise identical results for any parallelism. Outputs may not share an array with inputs.
 * An instance keeps scratch between calls (no allocation once warm) and serves one call at a time.
 */
public interface Convolution {

  /** y = conv(x, w) + bias; bias may be null (no bias). */
  void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
      float[] y, int yOff);

  /** dx = the gradient of the loss with respect to x, given dy (the gradient with respect to y). */
  void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff);

  /**
   * dw = the gradient with respect to w, summed over the batch; dbias (may be null) = the sum of dy per
   * output channel.
   */
  void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
      float[] dbias, int dbiasOff);
}
