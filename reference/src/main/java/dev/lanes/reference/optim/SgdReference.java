package dev.lanes.reference.optim;

import dev.lanes.reference.Args;

/**
 * One plain SGD step, {@code w = w - lr * g}, over {@code count} elements from index 0. Reads {@code g};
 * reads and writes {@code w}.
 */
public final class SgdReference {
  private SgdReference() {}

  /** Updates {@code w} in place; requires two distinct arrays of at least {@code count} elements, lr > 0. */
  public static void step(double[] w, double[] g, int count, double lr) {
    Args.positive("count", count);
    Args.span("w", w, 0, count);
    Args.span("g", g, 0, count);
    Args.distinct("w", w, "g", g);
    Args.positive("lr", lr);
    for (int i = 0; i < count; i++) {
      w[i] -= lr * g[i];
    }
  }
}
