package dev.lanes.kernels;

/**
 * Classifier heads on row-major (n, k) scores from an offset, with integer labels
 * {@code labels[labelsOff .. labelsOff + n)}, each in [0, k).
 *
 * <p>Every method validates all its arguments, labels included, before it writes anything
 * ({@link IllegalArgumentException} naming the argument, the expected and the actual value). Outputs
 * (dlogits, p) must be other arrays than the logits. Rows are processed one after the other on the
 * calling thread; the mean loss is summed in double in row order. An instance is used by one thread at
 * a time.
 */
public interface Losses {

  /**
   * Softmax cross-entropy ({@code from_logits=True}): returns the mean over rows of
   * {@code log(sum_j e^(z_j - max)) - (z_label - max)} and, unless {@code dlogits} is null, writes its
   * gradient {@code (softmax(z) - onehot(label)) / n}.
   */
  double softmaxCrossEntropy(int n, int k, float[] logits, int logitsOff, int[] labels, int labelsOff,
      float[] dlogits, int dOff);

  /** Writes {@code p = softmax(z)} row by row. */
  void softmax(int n, int k, float[] logits, int logitsOff, float[] p, int pOff);

  /**
   * The textbook's sigmoid head: {@code o = sigmoid(z)}, {@code p = o / sum(o)}, loss
   * {@code -log(clip(p_label, 1e-7, 1 - 1e-7))}, mean over rows; unless {@code dlogits} is null, writes
   * the gradient with respect to z, {@code (p_j (1 - o_j) - [j == label] (1 - o_label)) / n}, zero for a
   * row whose p_label is clipped (as the oracle {@code SigmoidHeadCrossEntropyReference}).
   */
  double sigmoidHeadCrossEntropy(int n, int k, float[] logits, int logitsOff, int[] labels,
      int labelsOff, float[] dlogits, int dOff);

  /** Writes the sigmoid head's normalized {@code p = o / sum(o)} row by row, before the clip. */
  void sigmoidHeadProbabilities(int n, int k, float[] logits, int logitsOff, float[] p, int pOff);

  /**
   * The number of rows whose first argmax equals the label; a NaN counts as larger than every number
   * (as in {@link MaxPool}). Reads only.
   */
  int correct(int n, int k, float[] scores, int off, int[] labels, int labelsOff);
}
