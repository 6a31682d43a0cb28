package dev.lanes.jmh.impl;

import dev.lanes.reference.Shape;
import java.util.SplittableRandom;

/**
 * Seeded f32 inputs of one batch-norm benchmark, shared by every implementation: x with a per-channel
 * offset in [-1, 1) and scale in [0.5, 2), an upstream gradient dy ~ N(0, 1), gamma in [0.5, 1.5), beta
 * in [-0.5, 0.5), and running statistics near the true ones for inference. Keras hyper-parameters
 * (eps 1e-3, momentum 0.99). Nothing here is written by a benchmark.
 */
public final class BatchNormProblem {
  public static final double EPS = 1e-3;
  public static final double MOMENTUM = 0.99;

  private final Shape shape;
  private final float[] x;
  private final float[] dy;
  private final float[] gamma;
  private final float[] beta;
  private final float[] mean;
  private final float[] var;

  public BatchNormProblem(Shape shape, long seed) {
    this.shape = shape;
    SplittableRandom random = new SplittableRandom(seed);
    int c = shape.c();
    float[] offset = Seeded.uniform(random, c, -1, 1);
    float[] scale = Seeded.uniform(random, c, 0.5, 2);
    x = Seeded.normal(random, shape.size());
    for (int n = 0; n < shape.n(); n++) {
      for (int ch = 0; ch < c; ch++) {
        for (int h = 0; h < shape.h(); h++) {
          for (int w = 0; w < shape.w(); w++) {
            int i = shape.index(n, ch, h, w);
            x[i] = offset[ch] + scale[ch] * x[i];
          }
        }
      }
    }
    dy = Seeded.normal(random, shape.size());
    gamma = Seeded.uniform(random, c, 0.5, 1.5);
    beta = Seeded.uniform(random, c, -0.5, 0.5);
    mean = new float[c];
    var = new float[c];
    for (int ch = 0; ch < c; ch++) {
      mean[ch] = offset[ch] + 0.01f;
      var[ch] = scale[ch] * scale[ch] * 1.02f;
    }
  }

  public Shape shape() {
    return shape;
  }

  /** Input activations, {@code shape().size()} values in the shape's layout. */
  public float[] x() {
    return x;
  }

  /** Upstream gradient for backward, like x. */
  public float[] dy() {
    return dy;
  }

  /** Per-channel scale (C values). */
  public float[] gamma() {
    return gamma;
  }

  /** Per-channel shift (C values). */
  public float[] beta() {
    return beta;
  }

  /** Running mean that inference normalizes with (C values). */
  public float[] mean() {
    return mean;
  }

  /** Running (biased) variance that inference normalizes with (C values). */
  public float[] var() {
    return var;
  }
}
