package dev.lanes.kernels.loss;

/**
 * The loss rows in plain Java: exponentials, sigmoids, sums and quotients in double, rounded to float
 * only when written.
 */
final class ScalarLossLoops implements LossLoops {
  private double[] row = new double[0];

  @Override
  public String describe() {
    return "scalar";
  }

  @Override
  public double softmaxCrossEntropy(float[] z, int off, int k, int label, float[] d, int dOff,
      int n) {
    double max = max(z, off, k);
    double[] e = row(k);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      e[j] = Math.exp(z[off + j] - max);
      sum += e[j];
    }
    if (d != null) {
      for (int j = 0; j < k; j++) {
        d[dOff + j] = (float) ((e[j] / sum - (j == label ? 1 : 0)) / n);
      }
    }
    return Math.log(sum) - (z[off + label] - max);
  }

  @Override
  public void softmax(float[] z, int off, int k, float[] p, int pOff) {
    double max = max(z, off, k);
    double[] e = row(k);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      e[j] = Math.exp(z[off + j] - max);
      sum += e[j];
    }
    for (int j = 0; j < k; j++) {
      p[pOff + j] = (float) (e[j] / sum);
    }
  }

  @Override
  public double sigmoidHead(float[] z, int off, int k, int label, float[] d, int dOff, int n) {
    double[] o = row(k);
    double sum = sigmoids(z, off, k, o);
    double oLabel = o[label];
    double pLabel = oLabel / sum;
    boolean clipped = pLabel < RowLosses.EPSILON || pLabel > 1 - RowLosses.EPSILON;
    if (d != null) {
      for (int j = 0; j < k; j++) {
        double g = clipped ? 0 : o[j] / sum * (1 - o[j]) - (j == label ? 1 - oLabel : 0);
        d[dOff + j] = (float) (g / n);
      }
    }
    return -Math.log(Math.min(Math.max(pLabel, RowLosses.EPSILON), 1 - RowLosses.EPSILON));
  }

  @Override
  public void sigmoidHeadProbabilities(float[] z, int off, int k, float[] p, int pOff) {
    double[] o = row(k);
    double sum = sigmoids(z, off, k, o);
    for (int j = 0; j < k; j++) {
      p[pOff + j] = (float) (o[j] / sum);
    }
  }

  private static double max(float[] z, int off, int k) {
    float max = z[off];
    for (int j = 1; j < k; j++) {
      max = Math.max(max, z[off + j]);
    }
    return max;
  }

  /** o_j = 1 / (1 + e^-z_j) (as e^z / (1 + e^z) below 0, so that nothing overflows); their sum. */
  private static double sigmoids(float[] z, int off, int k, double[] o) {
    double sum = 0;
    for (int j = 0; j < k; j++) {
      double v = z[off + j];
      if (v >= 0) {
        o[j] = 1 / (1 + Math.exp(-v));
      } else {
        double e = Math.exp(v);
        o[j] = e / (1 + e);
      }
      sum += o[j];
    }
    return sum;
  }

  private double[] row(int k) {
    if (row.length < k) {
      row = new double[k];
    }
    return row;
  }
}
