package dev.lanes.reference.support;

import java.util.SplittableRandom;

/** Seeded test data; a failing case is replayed from its seed. */
public final class Gen {
  private final SplittableRandom random;

  public Gen(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Normal values with the given mean and standard deviation. */
  public double[] normal(int count, double mean, double std) {
    double[] a = new double[count];
    for (int i = 0; i < count; i++) {
      a[i] = mean + std * gaussian();
    }
    return a;
  }

  /** Uniform values in [lo, hi). */
  public double[] uniform(int count, double lo, double hi) {
    double[] a = new double[count];
    for (int i = 0; i < count; i++) {
      a[i] = random.nextDouble(lo, hi);
    }
    return a;
  }

  /** Uniform integers in [0, bound). */
  public int[] ints(int count, int bound) {
    int[] a = new int[count];
    for (int i = 0; i < count; i++) {
      a[i] = random.nextInt(bound);
    }
    return a;
  }

  /** A uniform integer in [lo, hi]. */
  public int between(int lo, int hi) {
    return random.nextInt(lo, hi + 1);
  }

  private double gaussian() {
    // Box-Muller: plain and reproducible across JDKs.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
