package dev.lanes.kernels;

import dev.lanes.kernels.internal.Checks;

/**
 * A 2-D convolution: input (n, cin, h, w), cout filters of kh x kw, the same stride and zero padding on
 * both spatial axes. Activations are in {@code layout}; weights are OIHW for NCHW and OHWI for NHWC.
 * Output extents: outH = (h + 2 * pad - kh) / stride + 1, and likewise for w.
 */
public record ConvShape(
    int n, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad, Layout layout) {

  public ConvShape {
    new TensorShape(n, cin, h, w, layout);
    Checks.positive("cout", cout);
    Checks.positive("kh", kh);
    Checks.positive("kw", kw);
    Checks.positive("stride", stride);
    if (pad < 0) {
      throw new IllegalArgumentException("pad: expected >= 0, actual " + pad);
    }
    if ((long) h + 2L * pad < kh) {
      throw new IllegalArgumentException(
          "kh: expected <= h + 2 * pad = " + (h + 2L * pad) + ", actual " + kh);
    }
    if ((long) w + 2L * pad < kw) {
      throw new IllegalArgumentException(
          "kw: expected <= w + 2 * pad = " + (w + 2L * pad) + ", actual " + kw);
    }
    long weights = (long) cout * cin * kh * kw;
    if (weights > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "weights: expected at most " + Integer.MAX_VALUE + " elements, actual " + weights);
    }
    long paddedPlane = ((long) h + 2L * pad + kh) * ((long) w + 2L * pad + kw) * Math.max(cin, cout);
    if (paddedPlane > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("h, w: expected one padded image of at most "
          + Integer.MAX_VALUE / 2 + " elements, actual " + paddedPlane);
    }
    new TensorShape(n, cout, outExtent(h, kh, stride, pad), outExtent(w, kw, stride, pad), layout);
  }

  /** A stride-1 convolution without padding. */
  public static ConvShape of(int n, int cin, int h, int w, int cout, int k, Layout layout) {
    return new ConvShape(n, cin, h, w, cout, k, k, 1, 0, layout);
  }

  private static int outExtent(int in, int k, int stride, int pad) {
    return (int) (((long) in + 2L * pad - k) / stride + 1);
  }

  /** Output height. */
  public int outH() {
    return outExtent(h, kh, stride, pad);
  }

  /** Output width. */
  public int outW() {
    return outExtent(w, kw, stride, pad);
  }

  /** Shape of the input activations. */
  public TensorShape input() {
    return new TensorShape(n, cin, h, w, layout);
  }

  /** Shape of the output activations. */
  public TensorShape output() {
    return new TensorShape(n, cout, outH(), outW(), layout);
  }

  /** Elements of the input activations, n * cin * h * w (input().size() without building the TensorShape). */
  public int inputSize() {
    return n * cin * h * w;
  }

  /** Elements of the output activations, n * cout * outH * outW. */
  public int outputSize() {
    return n * cout * outH() * outW();
  }

  /** Number of weights: cout * cin * kh * kw. */
  public int weightSize() {
    return cout * cin * kh * kw;
  }

  /** Floating-point operations of one pass: 2 * N * Cout * Hout * Wout * Cin * KH * KW. */
  public long flops() {
    return 2L * n * cout * outH() * outW() * cin * kh * kw;
  }
}
