package dev.lanes.kernels.loss;

/**
 * One row of k scores at a time, for {@link RowLosses}; in plain Java ({@code ScalarLossLoops}, in
 * double) and on the Vector API ({@code PanamaLossLoops}, exponentials in float). An instance keeps a
 * row of scratch for calls without an output row, and serves one thread.
 */
interface LossLoops {

  String describe();

  /**
   * Softmax cross-entropy of the row z[off .. off + k): returns {@code log(sum e^(z - max)) -
   * (z[label] - max)}; unless d is null writes {@code (softmax(z) - onehot(label)) / n} from dOff.
   */
  double softmaxCrossEntropy(float[] z, int off, int k, int label, float[] d, int dOff, int n);

  /** Writes softmax(z) of the row from pOff. */
  void softmax(float[] z, int off, int k, float[] p, int pOff);

  /**
   * The sigmoid head of the row: returns {@code -log(clip(o_label / sum(o)))}; unless d is null writes
   * the gradient divided by n (all zero when the clip is active) from dOff.
   */
  double sigmoidHead(float[] z, int off, int k, int label, float[] d, int dOff, int n);

  /** Writes the row's {@code o / sum(o)} from pOff. */
  void sigmoidHeadProbabilities(float[] z, int off, int k, float[] p, int pOff);
}
