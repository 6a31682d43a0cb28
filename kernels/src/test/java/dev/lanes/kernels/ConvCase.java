package dev.lanes.kernels;

import dev.lanes.reference.conv.Conv2dShape;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;

/**
 * One differential-test convolution: its shape in one layout, a seed for its data, and a scale for the
 * values. {@link #toString} names everything needed to rerun a failure.
 */
record ConvCase(long seed, ConvShape shape, double scale) {

  /** Edge shapes at this JVM's vector width, in both layouts. */
  static List<ConvCase> all() {
    int l = Math.max(2, Kernels.vectorBits() / 32);
    int[][] dims = {
        // n, cin, h, w, cout, kh, kw, stride, pad
        {3, 1, 28, 28, 6, 5, 5, 1, 0},         // LeNet conv1
        {3, 6, 12, 12, 16, 5, 5, 1, 0},        // LeNet conv2
        {2, 16, 9, 9, 16, 3, 3, 1, 1},         // a ResNet 3x3 layer, small
        {2, 5, 7, 9, 3, 1, 1, 1, 0},           // 1x1
        {2, 4, 7, 7, 5, 1, 1, 2, 0},           // 1x1, stride 2
        {2, 3, 5, 5, 4, 5, 5, 1, 0},           // kernel as large as the input
        {1, 2, 4, 3, 3, 6, 5, 1, 1},           // kernel larger than the input, padded
        {2, 3, 11, 10, 7, 3, 3, 2, 1},         // stride 2, pad 1
        {2, 3, 10, 11, 5, 3, 3, 2, 0},         // stride 2, pad 0
        {1, 2, 13, 9, 3, 5, 5, 3, 2},          // stride 3, pad 2
        {2, 4, 6, 7, 5, 3, 3, 1, 2},           // pad 2
        {1, 2, 5, 6, 3, 3, 3, 1, 3},           // pad beyond the kernel
        {1, 1, 3, 3, 2, 3, 3, 1, 40},          // pad far beyond the kernel and the vector
        {2, l - 1, 6, 5, l + 1, 3, 3, 1, 1},   // lanes - 1 in, lanes + 1 out
        {2, l + 1, 5, 6, l - 1, 3, 3, 1, 0},
        {1, l, 4, l, l, 2, 2, 1, 0},           // exactly a vector
        {1, 13, 7, 7, 17, 3, 3, 1, 1},         // primes
        {2, 3, 8, 8, 1, 3, 3, 1, 1},           // one output channel
        {1, 1, 9, 9, 1, 3, 3, 1, 0},           // one channel in and out
        {1, 2, 5, 2 * l + 3, 3, 3, 3, 1, 1},   // rows of two vectors and a tail
        {2, 3, 9, 8, 4, 2, 4, 1, 1},           // rectangular kernel
        {1, 7, 1, 1, 9, 1, 1, 1, 0},           // 1 x 1 images
        {8, 16, 16, 16, 32, 3, 3, 1, 1},       // large enough to run in parallel
        {2, 16, 24, 24, l + 1, 3, 3, 1, 1},    // more pixels than one GEMM run of the weight gradient
        {4, 9, 15, 13, 11, 3, 3, 2, 1},        // parallel-sized stride 2, odd sizes
        {2, 3, 8, 10, 5, 3, 3, 1, 0},          // 8-wide outputs: pitched rows at 256, 512, scalar
        {2, 3, 6, 8, 6, 3, 3, 1, 1},           // the same padded, 6 output rows
        {2, 3, 8, 6, 5, 3, 3, 1, 0},           // 4-wide outputs: pitched rows at 128
        {2, 3, 6, 4, 6, 3, 3, 1, 1},           // the same padded
        {3, 3, 9, 9, 14, 3, 3, 2, 0},          // tap tiles: stride 2, a part group, taps past the span
        {2, 8, 7, 7, 16, 4, 4, 1, 0},          // tap tiles whose last reads leave the array: copies
        {2, 3, 6, 6, 8, 3, 3, 1, 0},           // tap tiles reading dy in place at 128 bits
    };
    List<ConvCase> cases = new ArrayList<>();
    long seed = 1000;
    for (int[] d : dims) {
      for (Layout layout : Layout.values()) {
        ConvShape s = new ConvShape(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], layout);
        cases.add(new ConvCase(seed++, s, 1));
      }
    }
    cases.add(new ConvCase(seed++, new ConvShape(2, 5, 8, 8, 6, 3, 3, 1, 1, Layout.NCHW), 1e4));
    cases.add(new ConvCase(seed, new ConvShape(2, 5, 8, 8, 6, 3, 3, 1, 1, Layout.NHWC), 1e-4));
    return cases;
  }

  Conv2dShape oracleShape() {
    ConvShape s = shape;
    return new Conv2dShape(s.n(), s.cin(), s.h(), s.w(), s.cout(), s.kh(), s.kw(), s.stride(),
        s.pad(), s.layout() == Layout.NCHW ? dev.lanes.reference.Layout.NCHW
            : dev.lanes.reference.Layout.NHWC);
  }

  /** Normal values times the case's scale, rounded to float; salt separates the tensors of a case. */
  float[] values(int count, int salt) {
    double[] d = new Gen(seed * 31 + salt).normal(count, 0, scale);
    float[] f = new float[count];
    for (int i = 0; i < count; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Override
  public String toString() {
    ConvShape s = shape;
    return "seed " + seed + " n" + s.n() + " cin" + s.cin() + " " + s.h() + "x" + s.w() + " cout"
        + s.cout() + " k" + s.kh() + "x" + s.kw() + " s" + s.stride() + " p" + s.pad() + " "
        + s.layout() + (scale == 1 ? "" : " scale " + scale);
  }
}
