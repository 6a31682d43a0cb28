package dev.lanes.reference.loss;

import dev.lanes.reference.activation.ActivationReference;

/**
 * The textbook chapter's classifier head: the last dense layer has a sigmoid activation, and Keras'
 * {@code sparse_categorical_crossentropy(from_logits=False)} is applied to the sigmoid outputs, which do
 * not sum to 1. Keras then normalizes them and clips to its epsilon, so for each row of pre-sigmoid
 * values {@code z} (logits {@code (n, k)} row-major from an offset, labels {@code labels[0..n)} in
 * {@code [0, k)}):
 *
 * <pre>
 *   o_j  = sigmoid(z_j)
 *   p_j  = o_j / S,  S = sum_j o_j
 *   loss = -log(clip(p[label], EPSILON, 1 - EPSILON))
 * </pre>
 *
 * and the batch loss is the mean over rows. The gradient with respect to {@code z}, through the
 * sigmoid, the normalization and the clip, is per row
 * {@code d loss / d z_j = p_j (1 - o_j) - [j == label] (1 - o_label)}, divided by {@code n}. Where the
 * clip is active ({@code p[label]} strictly outside {@code [EPSILON, 1 - EPSILON]}) the whole row's
 * gradient is 0: the clip passes no gradient to a clipped value (as {@code tf.clip_by_value}), and the
 * row's loss reads nothing else.
 *
 * <p>Which Keras: normalize-then-clip is the order of Keras 3's JAX and PyTorch backends. Its TensorFlow
 * backend (and tf.keras 2) clips each {@code o_j} first and normalizes after ({@code log}, then a
 * softmax cross-entropy). The two agree whenever every {@code o_j} and {@code p[label]} lie in
 * {@code [EPSILON, 1 - EPSILON]}, that is for {@code |z_j|} up to about 16.
 *
 * <p>All arithmetic is in double. If every {@code z_j} of a row is below about -745, every {@code o_j}
 * underflows to 0 and {@code p} is 0/0 = NaN, as in Keras.
 */
public final class SigmoidHeadCrossEntropyReference {
  /** Keras' {@code backend.epsilon()}, the clip bound of the probabilities. */
  public static final double EPSILON = 1e-7;

  private SigmoidHeadCrossEntropyReference() {}

  /**
   * Reads {@code logits} (pre-sigmoid) and {@code labels}; returns the mean loss over the batch and,
   * unless {@code dlogits} is null, writes its gradient with respect to the pre-sigmoid values into
   * {@code dlogits} from {@code dOff}. {@code dlogits} must not be the {@code logits} array.
   */
  public static double lossAndGradient(
      int n, int k, double[] logits, int logitsOff, int[] labels, double[] dlogits, int dOff) {
    Labels.check(n, k, logits, logitsOff, labels, dlogits, dOff);
    double[] o = new double[k];
    double total = 0;
    for (int r = 0; r < n; r++) {
      double sum = sigmoids(logits, logitsOff + r * k, o);
      int label = labels[r];
      double pLabel = o[label] / sum;
      boolean clipped = pLabel < EPSILON || pLabel > 1 - EPSILON;
      total += -Math.log(Math.min(Math.max(pLabel, EPSILON), 1 - EPSILON));
      if (dlogits != null) {
        for (int j = 0; j < k; j++) {
          double g = 0;
          if (!clipped) {
            g = o[j] / sum * (1 - o[j]) - (j == label ? 1 - o[label] : 0);
          }
          dlogits[dOff + r * k + j] = g / n;
        }
      }
    }
    return total / n;
  }

  /**
   * Reads {@code logits} (pre-sigmoid), writes the normalized {@code p_j = o_j / sum_i o_i} row by row,
   * before the clip (so each row sums to 1); {@code p} must not be {@code logits}.
   */
  public static void probabilities(int n, int k, double[] logits, int off, double[] p, int pOff) {
    Labels.checkProbabilities(n, k, logits, off, p, pOff);
    double[] o = new double[k];
    for (int r = 0; r < n; r++) {
      double sum = sigmoids(logits, off + r * k, o);
      for (int j = 0; j < k; j++) {
        p[pOff + r * k + j] = o[j] / sum;
      }
    }
  }

  /** Writes the sigmoids of the row starting at {@code row} into {@code o}; returns their sum. */
  private static double sigmoids(double[] z, int row, double[] o) {
    double sum = 0;
    for (int j = 0; j < o.length; j++) {
      o[j] = ActivationReference.sigmoid(z[row + j]);
      sum += o[j];
    }
    return sum;
  }
}
