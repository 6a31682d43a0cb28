package dev.lanes.reference.loss;


/**
 * Softmax followed by cross-entropy with integer labels, the usual classifier head
 * ({@code from_logits=True} in Keras). Logits are {@code (n, k)} row-major from an offset; labels are
 * {@code labels[0..n)}, each in {@code [0, k)}.
 *
 * <p>Per row, with {@code m = max(z)} and {@code s = sum_j e^(z_j - m)}:
 * {@code softmax(z)_j = e^(z_j - m) / s} and {@code loss = -log softmax(z)[label] = log(s) - (z[label] - m)}
 * (the log-sum-exp trick: every exponent is <= 0, so nothing overflows; dividing by {@code s} rather
 * than computing {@code e^(z_j - logsumexp(z))} keeps p accurate to a few ulps even for logits near 1000,
 * where logsumexp's own rounding would cost 1e-13). The batch loss is the mean over rows, and its gradient is
 * {@code (softmax(z) - onehot(label)) / n}.
 */
public final class SoftmaxCrossEntropyReference {
  private SoftmaxCrossEntropyReference() {}

  /**
   * Reads {@code logits} and {@code labels}; returns the mean loss over the batch and, unless
   * {@code dlogits} is null, writes the gradient of that mean into {@code dlogits} from {@code dOff}.
   * {@code dlogits} must not be the {@code logits} array.
   */
  public static double lossAndGradient(
      int n, int k, double[] logits, int logitsOff, int[] labels, double[] dlogits, int dOff) {
    Labels.check(n, k, logits, logitsOff, labels, dlogits, dOff);
    double[] e = new double[k];
    double total = 0;
    for (int r = 0; r < n; r++) {
      int row = logitsOff + r * k;
      double max = rowMax(logits, row, k);
      double sum = shiftedExps(logits, row, max, e);
      total += Math.log(sum) - (logits[row + labels[r]] - max);
      if (dlogits != null) {
        for (int j = 0; j < k; j++) {
          double onehot = j == labels[r] ? 1 : 0;
          dlogits[dOff + r * k + j] = (e[j] / sum - onehot) / n;
        }
      }
    }
    return total / n;
  }

  /** Reads {@code logits}, writes {@code p = softmax(z)} row by row; {@code p} must not be {@code logits}. */
  public static void probabilities(int n, int k, double[] logits, int off, double[] p, int pOff) {
    Labels.checkProbabilities(n, k, logits, off, p, pOff);
    double[] e = new double[k];
    for (int r = 0; r < n; r++) {
      int row = off + r * k;
      double sum = shiftedExps(logits, row, rowMax(logits, row, k), e);
      for (int j = 0; j < k; j++) {
        p[pOff + r * k + j] = e[j] / sum;
      }
    }
  }

  private static double rowMax(double[] z, int row, int k) {
    double max = z[row];
    for (int j = 1; j < k; j++) {
      max = Math.max(max, z[row + j]);
    }
    return max;
  }

  /** Writes {@code e^(z_j - max)} of the row starting at {@code row} into {@code e}; returns their sum. */
  private static double shiftedExps(double[] z, int row, double max, double[] e) {
    double sum = 0;
    for (int j = 0; j < e.length; j++) {
      e[j] = Math.exp(z[row + j] - max);
      sum += e[j];
    }
    return sum;
  }
}
