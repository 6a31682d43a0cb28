package dev.lanes.kernels;

import dev.lanes.kernels.internal.Checks;

/**
 * Logical extents (n, c, h, w) of an activation tensor and its memory order; every extent is positive and
 * the element count fits an {@code int}.
 */
public record TensorShape(int n, int c, int h, int w, Layout layout) {

  public TensorShape {
    Checks.positive("n", n);
    Checks.positive("c", c);
    Checks.positive("h", h);
    Checks.positive("w", w);
    if (layout == null) {
      throw new IllegalArgumentException("layout: expected NCHW or NHWC, actual null");
    }
    long size = (long) n * c * h * w;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + n + "x" + c + "x" + h + "x" + w
          + ": expected at most " + Integer.MAX_VALUE + " elements, actual " + size);
    }
  }

  /** A 2-D (N, C) tensor, as the output of a dense layer: H = W = 1. */
  public static TensorShape of2d(int n, int c) {
    return new TensorShape(n, c, 1, 1, Layout.NCHW);
  }

  /** Number of elements. */
  public int size() {
    return n * c * h * w;
  }

  /** Values per channel: N * H * W. */
  public int perChannel() {
    return n * h * w;
  }

  /** Values per channel and image: H * W. */
  public int spatial() {
    return h * w;
  }

  @Override
  public String toString() {
    return n + "x" + c + "x" + h + "x" + w + " " + layout;
  }
}
