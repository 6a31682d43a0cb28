package dev.lanes.reference.loss;

import dev.lanes.reference.Args;

/** The argument checks both classifier heads share. */
final class Labels {
  private Labels() {}

  /**
   * Requires n, k > 0, n*k logits from {@code off}, n labels each in [0, k), and, unless
   * {@code dlogits} is null, n*k places for the gradient from {@code dOff} in another array.
   */
  static void check(int n, int k, double[] logits, int off, int[] labels, double[] dlogits,
      int dOff) {
    rows(n, k, logits, off);
    if (dlogits != null) {
      output("dlogits", dlogits, dOff, n, k, logits);
    }
    Args.span("labels", labels, 0, n);
    for (int r = 0; r < n; r++) {
      if (labels[r] < 0 || labels[r] >= k) {
        throw new IllegalArgumentException(
            "labels[" + r + "]: expected in [0, " + k + "), actual " + labels[r]);
      }
    }
  }

  /** Requires n, k > 0, n*k logits from {@code off} and n*k places for p from {@code pOff}. */
  static void checkProbabilities(int n, int k, double[] logits, int off, double[] p, int pOff) {
    rows(n, k, logits, off);
    output("p", p, pOff, n, k, logits);
  }

  private static void rows(int n, int k, double[] logits, int off) {
    Args.positive("n", n);
    Args.positive("k", k);
    Args.span("logits", logits, off, (long) n * k);
  }

  private static void output(String name, double[] out, int outOff, int n, int k, double[] logits) {
    Args.span(name, out, outOff, (long) n * k);
    Args.distinct("logits", logits, name, out);
  }
}
