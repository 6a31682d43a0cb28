package dev.lanes.reference.conv;

import dev.lanes.reference.Args;
import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;

/**
 * A 2-D convolution: input (n, cin, h, w), cout filters of kh x kw, the same stride and zero padding on
 * both spatial axes. Activations use {@code layout}; weights are OIHW for NCHW and OHWI for NHWC.
 * Output extents: outH = (h + 2 * pad - kh) / stride + 1, and likewise for w.
 */
public record Conv2dShape(
    int n, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad, Layout layout) {

  public Conv2dShape {
    Args.positive("cout", cout);
    Args.positive("kh", kh);
    Args.positive("kw", kw);
    Args.positive("stride", stride);
    Args.nonNegative("pad", pad);
    new Shape(n, cin, h, w, layout);
    if (h + 2 * pad < kh) {
      throw new IllegalArgumentException(
          "kh: expected <= h + 2 * pad = " + (h + 2 * pad) + ", actual " + kh);
    }
    if (w + 2 * pad < kw) {
      throw new IllegalArgumentException(
          "kw: expected <= w + 2 * pad = " + (w + 2 * pad) + ", actual " + kw);
    }
    long weights = (long) cout * cin * kh * kw;
    if (weights > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "weights: expected at most " + Integer.MAX_VALUE + " elements, actual " + weights);
    }
    new Shape(n, cout, (h + 2 * pad - kh) / stride + 1, (w + 2 * pad - kw) / stride + 1, layout);
  }

  /** Output height. */
  public int outH() {
    return (h + 2 * pad - kh) / stride + 1;
  }

  /** Output width. */
  public int outW() {
    return (w + 2 * pad - kw) / stride + 1;
  }

  /** Shape of the input activations. */
  public Shape input() {
    return new Shape(n, cin, h, w, layout);
  }

  /** Shape of the output activations. */
  public Shape output() {
    return new Shape(n, cout, outH(), outW(), layout);
  }

  /** Number of weights: cout * cin * kh * kw. */
  public int weightSize() {
    return cout * cin * kh * kw;
  }

  /** Offset of weight (o, i, y, x): OIHW for NCHW, OHWI for NHWC. */
  public int weightIndex(int o, int i, int y, int x) {
    return switch (layout) {
      case NCHW -> ((o * cin + i) * kh + y) * kw + x;
      case NHWC -> ((o * kh + y) * kw + x) * cin + i;
    };
  }

  /** Floating-point operations of one forward pass: 2 * N * Cout * Hout * Wout * Cin * KH * KW. */
  public long flops() {
    return 2L * n * cout * outH() * outW() * cin * kh * kw;
  }

  /** The same convolution with activations (and weights) in another memory order. */
  public Conv2dShape withLayout(Layout other) {
    return new Conv2dShape(n, cin, h, w, cout, kh, kw, stride, pad, other);
  }
}
