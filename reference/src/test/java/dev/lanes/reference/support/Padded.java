package dev.lanes.reference.support;

import java.util.Arrays;

/** Arrays with a span at an offset, for tests that prove a pass reads and writes only its spans. */
public final class Padded {
  private Padded() {}

  /** {@code a} at {@code offset} in an array with {@code tail} more elements; the others are {@code fill}. */
  public static double[] embed(double[] a, int offset, int tail, double fill) {
    double[] r = new double[offset + a.length + tail];
    Arrays.fill(r, fill);
    System.arraycopy(a, 0, r, offset, a.length);
    return r;
  }

  /** A span of {@code length} stale values at {@code offset}, the rest {@link Watched#SENTINEL}. */
  public static double[] stale(int length, int offset, int tail) {
    double[] r = new double[offset + length + tail];
    Arrays.fill(r, Watched.SENTINEL);
    Arrays.fill(r, offset, offset + length, 1e300);
    return r;
  }
}
