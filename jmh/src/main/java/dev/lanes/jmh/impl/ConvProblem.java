package dev.lanes.jmh.impl;

import dev.lanes.reference.conv.Conv2dShape;
import java.util.SplittableRandom;

/**
 * Seeded f32 inputs of one convolution benchmark, shared by every implementation: x ~ N(0, 1), weights
 * uniform in +-1/sqrt(fan-in) (so outputs stay near unit scale), bias in [-0.1, 0.1), upstream gradient
 * dy ~ N(0, 1). Activations in the shape's layout, weights OIHW for NCHW and OHWI for NHWC. Nothing here
 * is written by a benchmark.
 */
public final class ConvProblem {
  private final Conv2dShape shape;
  private final float[] x;
  private final float[] w;
  private final float[] bias;
  private final float[] dy;

  public ConvProblem(Conv2dShape shape, long seed) {
    this.shape = shape;
    SplittableRandom random = new SplittableRandom(seed);
    double bound = 1 / Math.sqrt((double) shape.cin() * shape.kh() * shape.kw());
    x = Seeded.normal(random, shape.input().size());
    w = Seeded.uniform(random, shape.weightSize(), -bound, bound);
    bias = Seeded.uniform(random, shape.cout(), -0.1, 0.1);
    dy = Seeded.normal(random, shape.output().size());
  }

  public Conv2dShape shape() {
    return shape;
  }

  /** Input activations (N, Cin, H, W) in the shape's layout. */
  public float[] x() {
    return x;
  }

  /** Weights (Cout, Cin, KH, KW): OIHW for NCHW, OHWI for NHWC. */
  public float[] w() {
    return w;
  }

  /** Per-output-channel bias (Cout values). */
  public float[] bias() {
    return bias;
  }

  /** Upstream gradient (N, Cout, Hout, Wout) in the shape's layout. */
  public float[] dy() {
    return dy;
  }
}
