package dev.lanes.kernels;

import dev.lanes.reference.Shape;
import dev.lanes.reference.batchnorm.BatchNormConfig;
import dev.lanes.reference.batchnorm.Convention;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;

/**
 * One seeded differential case: a shape, a kind of data, and the float inputs made from the seed; its
 * {@link #toString} (seed, shape, data) is in every failure message, so the case replays.
 */
record BatchNormCase(long seed, TensorShape shape, Data data) {

  /** The kinds of input: ordinary values and the hard numerics of the contract. */
  enum Data {
    NORMAL,
    /** mean 1e4, std 1e-2: digits cancel in naive one-pass variance. */
    OFFSET_1E4,
    /** mean 1e6, std 1e-2: float x is quantized to 1/16; statistics must still be exact for that data. */
    OFFSET_1E6,
    /** the first and last channels constant: variance exactly 0, output exactly beta. */
    CONSTANT_CHANNELS,
    ZEROS,
    /** each channel's first value 1e3 standard deviations out: shifting by it cancels most digits. */
    OUTLIER_FIRST,
    /** magnitudes near Float.MAX_VALUE / 1e6: float sums of squares overflow. */
    HUGE
  }

  /**
   * Edge shapes (N, C, H, W): N = 1, C = 1, H * W = 1, C around 4, 8 and 16 lanes, primes, LeNet-like,
   * and long planes; short planes of whole vectors at every width (16, 48, 64 and 128 values) with one
   * image, 300 images and 40 images of B2's planes; in NHWC, C = 32 and 64 (patterns of two and four
   * vectors, walked a group at a time, at 256 and 512 bits) and 18 values of C = 3 (less than one
   * pattern of three vectors); 8 images of 5 x 5 planes, whose in-cache inference and forward training
   * walk image by image with each plane's coefficients copied into a pattern (25 values: no
   * whole-vector runs at any width), and 8 images of 17 x 17 planes, long enough for backward to do so
   * as well (16 x 6 x 24 x 24 takes the same walks through run patterns).
   */
  static final int[][] SHAPES = {
      {1, 1, 1, 1}, {1, 3, 1, 1}, {5, 1, 1, 1}, {4, 1, 5, 5}, {1, 7, 3, 3}, {2, 3, 7, 9},
      {3, 15, 2, 2}, {2, 17, 3, 3}, {7, 13, 17, 1}, {3, 33, 2, 3}, {2, 63, 1, 3}, {4, 65, 2, 2},
      {64, 120, 1, 1}, {4, 6, 24, 24}, {3, 16, 8, 8}, {16, 6, 24, 24}, {2, 8, 131, 1},
      {2, 5, 33, 32}, {3, 3, 1031, 1}, {1, 5, 4, 4}, {9, 2, 4, 12}, {300, 2, 4, 4}, {40, 16, 8, 8},
      {5, 3, 16, 8}, {2, 32, 3, 3}, {2, 64, 2, 3}, {1, 3, 2, 3}, {8, 3, 5, 5}, {8, 2, 17, 17},
  };

  static List<BatchNormCase> all() {
    List<BatchNormCase> cases = new ArrayList<>();
    long seed = 7000;
    for (int[] d : SHAPES) {
      for (Layout layout : Layout.values()) {
        for (Data data : Data.values()) {
          cases.add(new BatchNormCase(seed++, new TensorShape(d[0], d[1], d[2], d[3], layout), data));
        }
      }
    }
    // Tensors large enough for NCHW's memory-order walk (BlockedBatchNorm.LARGE): a long plane of an
    // odd length, walked plane by plane with scalar tails; a long plane of whole vectors, its sums
    // plane by plane and its other passes through run patterns; and planes of 256 values, walked an
    // image at a time through run patterns at every width (the outlier redoes a channel's sums
    // alone, the huge values overflow them), 9 images, past BlockedBatchNorm.IMAGE_TASKS.
    cases.add(new BatchNormCase(seed++, new TensorShape(2, 3, 701, 511, Layout.NCHW), Data.NORMAL));
    cases.add(new BatchNormCase(seed++, new TensorShape(2, 3, 701, 512, Layout.NCHW), Data.NORMAL));
    for (Data data : new Data[] {Data.NORMAL, Data.OUTLIER_FIRST, Data.HUGE}) {
      cases.add(new BatchNormCase(seed++, new TensorShape(9, 1024, 16, 16, Layout.NCHW), data));
    }
    // Past BlockedBatchNorm.PAST_CACHE: the streamed sums take four images a call (two calls of four,
    // one of one), planes of 1024 values, at most 256 vectors even at 128 bits.
    cases.add(new BatchNormCase(seed++, new TensorShape(9, 911, 32, 32, Layout.NCHW), Data.NORMAL));
    // The same with planes of 256 values, which the scalar loops also take an image at a time, and an
    // outlier first value, whose channel's sums are redone alone, four images a call.
    cases.add(new BatchNormCase(seed++, new TensorShape(9, 3641, 16, 16, Layout.NCHW),
        Data.OUTLIER_FIRST));
    // B5's planes (784 values: 49 vectors at 512 bits, so 24 steps of two and one vector left per row;
    // no scalar tail at any width) and an odd number of images: the streamed backward sums take two
    // images side by side (at 128 bits in calls of 512 and 272 values) and the third alone, in channel
    // groups of BlockedBatchNorm.L2_GROUP (27 channels, 33 times, then 9), as forward training does
    // (its sums take the three images in one call).
    cases.add(new BatchNormCase(seed++, new TensorShape(3, 900, 28, 28, Layout.NCHW), Data.NORMAL));
    // NHWC past BlockedBatchNorm.PAST_CACHE with B5's 256 channels (a pattern of 256 slots at every
    // width): the statistics take each whole block as four rows read side by side, 32 patterns each,
    // and the last, partial block as one run.
    cases.add(new BatchNormCase(seed++, new TensorShape(9, 256, 61, 61, Layout.NHWC), Data.NORMAL));
    // NHWC with more blocks than BlockedBatchNorm.SUM_TASKS and a pattern of several pixels (C = 3:
    // 48 slots at 512 bits): 88 blocks, summed two a task, folded channel by channel over the
    // pattern's repeats; with each channel's first value an outlier, the statistics run twice.
    for (Data data : new Data[] {Data.NORMAL, Data.OUTLIER_FIRST}) {
      cases.add(new BatchNormCase(seed++, new TensorShape(600, 3, 40, 40, Layout.NHWC), data));
    }
    // One channel a group as B4 and B5 (33,792 values a channel, more than half of
    // BlockedBatchNorm.L2_GROUP), with planes that image runs take at every width (1024 values): the
    // forward sums take four images side by side eight times, then one; the backward sums two
    // images sixteen times, then one.
    cases.add(new BatchNormCase(seed++, new TensorShape(33, 64, 32, 32, Layout.NCHW), Data.NORMAL));
    // In cache from 8 images on with planes of at least BlockedBatchNorm.LONG_PLANE values: the
    // backward sums walk image by image through run patterns, as many images a call as FLUSH allows,
    // each plane an odd number of vectors at one width (272 values: 17 at 512 bits, 15 images a call
    // then 2; 264: 33 at 256 bits, 7 then 2; 260: 65 at 128 bits, 3 calls of 3); and planes of 256
    // values, the only ones the scalar loops (a slot per channel) take so, at 512 bits 16 images a
    // call then 1.
    // Shorter planes of a whole number of four-vector runs, which the in-cache backward walks image by
    // image through runs of four vectors (BlockedBatchNorm#quadPlanes): 64 values (one run at 512 bits,
    // two at 256, four at 128; 70 images, so the backward sums take 64 images a call, then 6) and 192
    // values (three runs at 512 bits).
    for (Data data : new Data[] {Data.NORMAL, Data.OFFSET_1E6}) {
      cases.add(new BatchNormCase(seed++, new TensorShape(70, 2, 8, 8, Layout.NCHW), data));
      cases.add(new BatchNormCase(seed++, new TensorShape(9, 2, 12, 16, Layout.NCHW), data));
    }
    for (Data data : new Data[] {Data.NORMAL, Data.OFFSET_1E6}) {
      cases.add(new BatchNormCase(seed++, new TensorShape(17, 2, 16, 16, Layout.NCHW), data));
      cases.add(new BatchNormCase(seed++, new TensorShape(17, 2, 16, 17, Layout.NCHW), data));
      cases.add(new BatchNormCase(seed++, new TensorShape(9, 2, 8, 33, Layout.NCHW), data));
      cases.add(new BatchNormCase(seed++, new TensorShape(9, 2, 4, 65, Layout.NCHW), data));
    }
    return cases;
  }

  float[] x() {
    Gen gen = new Gen(seed);
    int size = shape.size();
    return switch (data) {
      case NORMAL -> floats(gen.normal(size, 0.5, 1.5));
      case OFFSET_1E4 -> floats(gen.normal(size, 1e4, 1e-2));
      case OFFSET_1E6 -> floats(gen.normal(size, 1e6, 1e-2));
      case CONSTANT_CHANNELS -> {
        float[] x = floats(gen.normal(size, -2, 3));
        fillChannel(x, 0, 0.1f);
        fillChannel(x, shape.c() - 1, 1e6f + 0.3f);
        yield x;
      }
      case ZEROS -> new float[size];
      case OUTLIER_FIRST -> {
        float[] x = floats(gen.normal(size, 3, 0.5));
        for (int c = 0; c < shape.c(); c++) {
          x[channel(c)[0]] = 500f;
        }
        yield x;
      }
      case HUGE -> floats(gen.normal(size, 0, Float.MAX_VALUE / 1e6));
    };
  }

  /** A gradient of the loss with respect to y; its own stream, so x does not change with it. */
  float[] dy() {
    return floats(new Gen(seed ^ 0x5DEECE66DL).normal(shape.size(), 0.1, 1));
  }

  float[] gamma() {
    return floats(new Gen(seed + 1).normal(shape.c(), 1, 0.5));
  }

  float[] beta() {
    return floats(new Gen(seed + 2).normal(shape.c(), 0, 0.5));
  }

  /** Inputs whose variance a float can hold: everything but HUGE. */
  boolean floatVariance() {
    return data != Data.HUGE;
  }

  Shape oracleShape() {
    return oracleShape(shape);
  }

  static Shape oracleShape(TensorShape s) {
    return new Shape(s.n(), s.c(), s.h(), s.w(),
        dev.lanes.reference.Layout.valueOf(s.layout().name()));
  }

  static BatchNormConfig oracleConfig(BatchNormParams p) {
    return new BatchNormConfig(p.eps(), p.momentum(), Convention.valueOf(p.convention().name()),
        dev.lanes.reference.batchnorm.Activation.valueOf(p.activation().name()));
  }

  static double[] doubles(float[] a) {
    if (a == null) {
      return null;
    }
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  static float[] floats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  /** Offsets of channel c's values in this shape's layout. */
  int[] channel(int c) {
    Shape s = oracleShape();
    int[] at = new int[shape.perChannel()];
    int k = 0;
    for (int n = 0; n < s.n(); n++) {
      for (int h = 0; h < s.h(); h++) {
        for (int w = 0; w < s.w(); w++) {
          at[k++] = s.index(n, c, h, w);
        }
      }
    }
    return at;
  }

  private void fillChannel(float[] x, int c, float value) {
    for (int i : channel(c)) {
      x[i] = value;
    }
  }

  @Override
  public String toString() {
    return "seed " + seed + ", " + shape + ", " + data;
  }
}
