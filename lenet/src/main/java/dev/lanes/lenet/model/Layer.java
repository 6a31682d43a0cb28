package dev.lanes.lenet.model;

import java.util.List;

/**
 * One layer of a sequential model on batches of up to {@code capacity} images. A layer owns its output
 * and its input-gradient buffers (allocated once), so a training step allocates nothing.
 */
interface Layer {
  /** Keras-style name, e.g. "conv2d_1". */
  String name();

  /** Keras-style type, e.g. "Conv2D". */
  String type();

  /** Output extents of one image, e.g. {6, 24, 24} (channels first, whatever the layout). */
  int[] outputShape();

  /** Parameters in save order. */
  List<Param> params();

  /**
   * Runs the layer on n images of in; returns the output buffer (the layer's own, or in itself for a
   * layer that passes values through).
   */
  float[] forward(int n, float[] in, boolean training);

  /**
   * From the gradient of the output, computes parameter gradients and, when {@code needInputGrad},
   * returns the gradient of the input (the layer's own buffer); else null.
   */
  float[] backward(int n, float[] in, float[] dOut, boolean needInputGrad);
}
