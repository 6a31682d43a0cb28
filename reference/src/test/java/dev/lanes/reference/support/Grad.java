package dev.lanes.reference.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleSupplier;

/** Finite differences and tolerant comparisons for the oracle's own tests. */
public final class Grad {
  private Grad() {}

  /**
   * Central-difference gradient of the scalar {@code loss} with respect to every element of {@code v};
   * {@code loss} reads {@code v}'s current values. {@code v} is restored element by element.
   */
  public static double[] numeric(double[] v, double step, DoubleSupplier loss) {
    double[] g = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double saved = v[i];
      double h = step * Math.max(1.0, Math.abs(saved));
      v[i] = saved + h;
      double up = loss.getAsDouble();
      v[i] = saved - h;
      double down = loss.getAsDouble();
      v[i] = saved;
      g[i] = (up - down) / (2 * h);
    }
    return g;
  }

  /** Sum of a[i] * b[i]: the loss whose gradient with respect to a is b. */
  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Fails unless |expected - actual| <= atol + rtol * |expected| for every element; the message starts
   * with {@code context} (seed, shape) so the case can be replayed.
   */
  public static void assertClose(
      String context, double[] expected, double[] actual, double rtol, double atol) {
    if (expected.length != actual.length) {
      fail(context + ": length " + actual.length + ", expected " + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (!(Math.abs(e - a) <= atol + rtol * Math.abs(e))) {
        fail(context + ": element " + i + " is " + a + ", expected " + e
            + " (rtol " + rtol + ", atol " + atol + ")");
      }
    }
  }

  /** Fails unless every element of {@code a} is finite. */
  public static void assertFinite(String context, double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        fail(context + ": element " + i + " is " + a[i]);
      }
    }
  }
}
