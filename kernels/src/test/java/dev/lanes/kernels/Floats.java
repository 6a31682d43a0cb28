package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** float[] conveniences for the differential tests of the kernels; the oracles work on double[]. */
public final class Floats {
  /** Fill of the padding around a span, so a stray write is recognizable. */
  public static final float SENTINEL = -9876.5f;

  private Floats() {}

  public static double[] doubles(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  public static float[] floats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  /** {@code a} at {@code off} in an array with {@code tail} more elements, the padding SENTINEL. */
  public static float[] padded(float[] a, int off, int tail) {
    float[] r = new float[off + a.length + tail];
    Arrays.fill(r, SENTINEL);
    System.arraycopy(a, 0, r, off, a.length);
    return r;
  }

  /** An output span of {@code len} at {@code off}, everything SENTINEL. */
  public static float[] output(int off, int len, int tail) {
    float[] r = new float[off + len + tail];
    Arrays.fill(r, SENTINEL);
    return r;
  }

  /** The {@code len} elements of {@code a} from {@code off}, in double. */
  public static double[] span(float[] a, int off, int len) {
    double[] d = new double[len];
    for (int i = 0; i < len; i++) {
      d[i] = a[off + i];
    }
    return d;
  }

  /** Fails unless every element of {@code a} outside [off, off + len) is still SENTINEL. */
  public static void assertPadding(String ctx, float[] a, int off, int len) {
    for (int i = 0; i < a.length; i++) {
      if (i < off || i >= off + len) {
        assertEquals(SENTINEL, a[i], ctx + ": element " + i + " outside the span [" + off + ", "
            + (off + len) + ") was written");
      }
    }
  }

  /** |a| element-wise, for tolerances scaled by the magnitudes a formula adds. */
  public static double[] abs(double[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = Math.abs(a[i]);
    }
    return r;
  }

  /**
   * Fails unless {@code |actual - expected| <= tol}; NaN matches NaN only. The message names the case
   * and the element.
   */
  public static void near(String ctx, int i, double actual, double expected, double tol) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      if (Double.isNaN(expected) != Double.isNaN(actual)) {
        throw new AssertionError(ctx + " [" + i + "]: expected " + expected + ", actual " + actual);
      }
      return;
    }
    if (!(Math.abs(actual - expected) <= tol)) {
      throw new AssertionError(ctx + " [" + i + "]: expected " + expected + " +- " + tol
          + ", actual " + actual + " (error " + Math.abs(actual - expected) + ")");
    }
  }
}
