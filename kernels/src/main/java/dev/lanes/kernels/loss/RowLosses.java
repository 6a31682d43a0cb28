package dev.lanes.kernels.loss;

import dev.lanes.kernels.Losses;
import dev.lanes.kernels.internal.Checks;

/**
 * The classifier losses over {@link LossLoops}: validates every argument (labels included), then walks
 * the rows in order on the calling thread, adding the row losses in double. A classifier head is small
 * (LeNet's: 64 x 10), far below what a second thread could speed up.
 */
final class RowLosses implements Losses {
  /** Keras' {@code backend.epsilon()}, the clip bound of the sigmoid head's probabilities. */
  static final double EPSILON = 1e-7;

  private final LossLoops loops;

  RowLosses(LossLoops loops) {
    this.loops = loops;
  }

  @Override
  public String toString() {
    return "Losses[" + loops.describe() + "]";
  }

  @Override
  public double softmaxCrossEntropy(int n, int k, float[] logits, int logitsOff, int[] labels,
      int labelsOff, float[] dlogits, int dOff) {
    checkLabelled("logits", "logits (n * k)", n, k, logits, logitsOff, labels, labelsOff, dlogits,
        dOff);
    double total = 0;
    for (int r = 0; r < n; r++) {
      total += loops.softmaxCrossEntropy(logits, logitsOff + r * k, k, labels[labelsOff + r],
          dlogits, dOff + r * k, n);
    }
    return total / n;
  }

  @Override
  public void softmax(int n, int k, float[] logits, int logitsOff, float[] p, int pOff) {
    checkProbabilities(n, k, logits, logitsOff, p, pOff);
    for (int r = 0; r < n; r++) {
      loops.softmax(logits, logitsOff + r * k, k, p, pOff + r * k);
    }
  }

  @Override
  public double sigmoidHeadCrossEntropy(int n, int k, float[] logits, int logitsOff, int[] labels,
      int labelsOff, float[] dlogits, int dOff) {
    checkLabelled("logits", "logits (n * k)", n, k, logits, logitsOff, labels, labelsOff, dlogits,
        dOff);
    double total = 0;
    for (int r = 0; r < n; r++) {
      total += loops.sigmoidHead(logits, logitsOff + r * k, k, labels[labelsOff + r], dlogits,
          dOff + r * k, n);
    }
    return total / n;
  }

  @Override
  public void sigmoidHeadProbabilities(int n, int k, float[] logits, int logitsOff, float[] p,
      int pOff) {
    checkProbabilities(n, k, logits, logitsOff, p, pOff);
    for (int r = 0; r < n; r++) {
      loops.sigmoidHeadProbabilities(logits, logitsOff + r * k, k, p, pOff + r * k);
    }
  }

  @Override
  public int correct(int n, int k, float[] scores, int off, int[] labels, int labelsOff) {
    checkLabelled("scores", "scores (n * k)", n, k, scores, off, labels, labelsOff, null, 0);
    int correct = 0;
    for (int r = 0; r < n; r++) {
      int row = off + r * k;
      int best = 0;
      float max = scores[row];
      for (int j = 1; j < k; j++) {
        float v = scores[row + j];
        // the first maximum; a NaN beats every number, the first NaN every later one
        if (!(v <= max) && max == max) {
          best = j;
          max = v;
        }
      }
      if (best == labels[labelsOff + r]) {
        correct++;
      }
    }
    return correct;
  }

  private static void checkLabelled(String name, String sizeName, int n, int k, float[] z, int zOff,
      int[] labels, int labelsOff, float[] d, int dOff) {
    int size = rows(name, sizeName, n, k, z, zOff);
    if (d != null) {
      output("dlogits", d, dOff, size, z);
    }
    Checks.span("labels", labels, labelsOff, n);
    for (int r = 0; r < n; r++) {
      int label = labels[labelsOff + r];
      if (label < 0 || label >= k) {
        throw new IllegalArgumentException(
            "labels[" + (labelsOff + r) + "]: expected in [0, " + k + "), actual " + label);
      }
    }
  }

  private static void checkProbabilities(int n, int k, float[] z, int zOff, float[] p, int pOff) {
    output("p", p, pOff, rows("logits", "logits (n * k)", n, k, z, zOff), z);
  }

  /** n, k > 0 and n * k scores in z; sizeName names the product (a constant: no allocation). */
  private static int rows(String name, String sizeName, int n, int k, float[] z, int zOff) {
    Checks.positive("n", n);
    Checks.positive("k", k);
    int size = Checks.product(sizeName, n, k);
    Checks.span(name, z, zOff, size);
    return size;
  }

  private static void output(String name, float[] out, int outOff, int size, float[] z) {
    Checks.span(name, out, outOff, size);
    Checks.distinct(name, out, "logits", z);
  }
}
