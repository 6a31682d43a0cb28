package dev.lanes.reference.loss;

import dev.lanes.reference.Args;

/** The argument checks both classifier heads share. */
final class Labels {
  private Labels() {}

  /** Requires n, k > 0, n*k logits from {@code off}, and n labels each in [0, k). */
  static void check(int n, int k, double[] logits, int off, int[] labels) {
    Args.positive("n", n);
    Args.positive("k", k);
    Args.span("logits", logits, off, (long) n * k);
    Args.span("labels", labels, 0, n);
    for (int r = 0; r < n; r++) {
      if (labels[r] < 0 || labels[r] >= k) {
        throw new IllegalArgumentException(
            "labels[" + r + "]: expected in [0, " + k + "), actual " + labels[r]);
      }
    }
  }
}
