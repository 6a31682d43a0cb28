package dev.lanes.reference;

/**
 * Logical (n, c, h, w) extents of an activation tensor and its memory order. Every extent is positive and
 * the element count fits an {@code int}.
 */
public record Shape(int n, int c, int h, int w, Layout layout) {

  public Shape {
    Args.positive("n", n);
    Args.positive("c", c);
    Args.positive("h", h);
    Args.positive("w", w);
    if (layout == null) {
      throw new IllegalArgumentException("layout: expected NCHW or NHWC, actual null");
    }
    long size = (long) n * c * h * w;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "shape " + n + "x" + c + "x" + h + "x" + w + ": expected at most " + Integer.MAX_VALUE
              + " elements, actual " + size);
    }
  }

  /** A 2-D (N, C) tensor: H = W = 1, where NCHW and NHWC coincide. */
  public static Shape of2d(int n, int c) {
    return new Shape(n, c, 1, 1, Layout.NCHW);
  }

  /** Number of elements. */
  public int size() {
    return n * c * h * w;
  }

  /** Values per channel, the M of the batch-norm formulas: N * H * W. */
  public int perChannel() {
    return n * h * w;
  }

  /** Memory offset of element (in, ic, ih, iw), relative to the tensor's start. */
  public int index(int in, int ic, int ih, int iw) {
    return switch (layout) {
      case NCHW -> ((in * c + ic) * h + ih) * w + iw;
      case NHWC -> ((in * h + ih) * w + iw) * c + ic;
    };
  }

  /** The same logical tensor in another memory order. */
  public Shape withLayout(Layout other) {
    return new Shape(n, c, h, w, other);
  }

  @Override
  public String toString() {
    return n + "x" + c + "x" + h + "x" + w + " " + layout;
  }
}
