package dev.lanes.reference.support;

import java.util.Arrays;

/** Small conveniences for tests; layout changes are in {@link Transpose}. */
public final class Tensors {
  private Tensors() {}

  /** An array of {@code count} copies of {@code value}, e.g. a sentinel to detect stray writes. */
  public static double[] filled(int count, double value) {
    double[] a = new double[count];
    Arrays.fill(a, value);
    return a;
  }
}
