package dev.lanes.jmh.impl;

import java.util.SplittableRandom;

/** Seeded f32 test data: the same seed gives the same benchmark inputs in every fork and run. */
final class Seeded {
  private Seeded() {}

  /** length values uniform in [lo, hi). */
  static float[] uniform(SplittableRandom random, int length, double lo, double hi) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextDouble(lo, hi);
    }
    return values;
  }

  /** length values with mean 0 and variance 1 (Box-Muller, so no generator state beyond random). */
  static float[] normal(SplittableRandom random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      double u = 1 - random.nextDouble();
      values[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
    }
    return values;
  }

  /** The values widened to double, for implementations that compute in double. */
  static double[] widen(float[] values) {
    double[] wide = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      wide[i] = values[i];
    }
    return wide;
  }
}
