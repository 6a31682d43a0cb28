package dev.lanes.kernels.loss;

import static dev.lanes.kernels.Floats.assertPadding;
import static dev.lanes.kernels.Floats.near;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Losses;
import dev.lanes.reference.loss.SigmoidHeadCrossEntropyReference;
import dev.lanes.reference.loss.SoftmaxCrossEntropyReference;
import dev.lanes.reference.support.Gen;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier heads of every implementation that can run in this JVM against the double oracles.
 * Losses within 1e-6 of 1 + |loss|; probabilities within 1e-6 of themselves (plus 1e-30 for the
 * Panama exponential's clamp, which leaves about 1e-38 where the true value underflows); gradient
 * elements within 1e-6 of the magnitudes of the terms they add, divided by n: p_j and [j == label]
 * (softmax), p_j (1 - o_j) and [j == label] (1 - o_label) (sigmoid head), both at most
 * p_j + [j == label].
 */
class LossDifferentialTest {
  private static final int Z_OFF = 4;
  private static final int LABEL_OFF = 2;
  private static final int OUT_OFF = 3;
  private static final int TAIL = 6;
  private static final KernelContext CTX = new KernelContext(1);

  @AfterAll
  static void close() {
    CTX.close();
  }

  static Stream<Arguments> cases() {
    return Implementations.withEach(LossCase.all());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void softmaxCrossEntropyMatchesTheOracle(Implementation impl, LossCase c) {
    Losses losses = Kernels.losses(CTX, impl);
    int n = c.n();
    int k = c.k();
    String ctx = impl + " " + c;
    float[] z = c.logits();
    int[] labels = c.labels();
    double[] refD = new double[n * k];
    double refLoss = SoftmaxCrossEntropyReference.lossAndGradient(n, k, Floats.doubles(z), 0,
        labels, refD, 0);
    double[] refP = new double[n * k];
    SoftmaxCrossEntropyReference.probabilities(n, k, Floats.doubles(z), 0, refP, 0);

    float[] zp = Floats.padded(z, Z_OFF, TAIL);
    int[] lp = padded(labels);
    float[] d = Floats.output(OUT_OFF, n * k, TAIL);
    double loss = losses.softmaxCrossEntropy(n, k, zp, Z_OFF, lp, LABEL_OFF, d, OUT_OFF);
    near(ctx + ", loss", 0, loss, refLoss, 1e-6 * (1 + Math.abs(refLoss)));
    checkGradient(ctx + ", dlogits", d, refD, refP, labels, n, k);
    assertPadding(ctx + ", dlogits", d, OUT_OFF, n * k);
    assertEquals(loss, losses.softmaxCrossEntropy(n, k, zp, Z_OFF, lp, LABEL_OFF, null, 0),
        ctx + ": the loss without the gradient");

    float[] p = Floats.output(OUT_OFF, n * k, TAIL);
    losses.softmax(n, k, zp, Z_OFF, p, OUT_OFF);
    for (int i = 0; i < n * k; i++) {
      near(ctx + ", softmax", i, p[OUT_OFF + i], refP[i], 1e-6 * refP[i] + 1e-30);
    }
    assertPadding(ctx + ", softmax", p, OUT_OFF, n * k);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void sigmoidHeadMatchesTheOracle(Implementation impl, LossCase c) {
    Losses losses = Kernels.losses(CTX, impl);
    int n = c.n();
    int k = c.k();
    String ctx = impl + " " + c;
    float[] z = c.sigmoidLogits();
    int[] labels = c.labels();
    double[] refD = new double[n * k];
    double refLoss = SigmoidHeadCrossEntropyReference.lossAndGradient(n, k, Floats.doubles(z), 0,
        labels, refD, 0);
    double[] refP = new double[n * k];
    SigmoidHeadCrossEntropyReference.probabilities(n, k, Floats.doubles(z), 0, refP, 0);

    float[] zp = Floats.padded(z, Z_OFF, TAIL);
    int[] lp = padded(labels);
    float[] d = Floats.output(OUT_OFF, n * k, TAIL);
    double loss = losses.sigmoidHeadCrossEntropy(n, k, zp, Z_OFF, lp, LABEL_OFF, d, OUT_OFF);
    near(ctx + ", loss", 0, loss, refLoss, 1e-6 * (1 + Math.abs(refLoss)));
    checkGradient(ctx + ", dlogits", d, refD, refP, labels, n, k);
    assertPadding(ctx + ", dlogits", d, OUT_OFF, n * k);
    assertEquals(loss, losses.sigmoidHeadCrossEntropy(n, k, zp, Z_OFF, lp, LABEL_OFF, null, 0),
        ctx + ": the loss without the gradient");

    float[] p = Floats.output(OUT_OFF, n * k, TAIL);
    losses.sigmoidHeadProbabilities(n, k, zp, Z_OFF, p, OUT_OFF);
    for (int i = 0; i < n * k; i++) {
      near(ctx + ", probabilities", i, p[OUT_OFF + i], refP[i], 1e-6 * refP[i] + 1e-30);
    }
    assertPadding(ctx + ", probabilities", p, OUT_OFF, n * k);
  }

  /** correct() against the plain rule: the first maximum, a NaN above every number. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void correctCountsFirstMaxima(Implementation impl, LossCase c) {
    Losses losses = Kernels.losses(CTX, impl);
    int n = c.n();
    int k = c.k();
    Gen gen = new Gen(c.seed() + 7);
    float[] ties = new float[n * k];
    int[] level = gen.ints(n * k, 3);
    int[] nan = gen.ints(n * k, 8);
    for (int i = 0; i < n * k; i++) {
      ties[i] = nan[i] == 0 ? Float.NaN : level[i];
    }
    for (float[] scores : new float[][] {c.logits(), ties}) {
      int[] labels = c.labels();
      for (int r = 0; r < n; r += 2) {
        labels[r] = firstMax(scores, r * k, k);
      }
      int expected = 0;
      for (int r = 0; r < n; r++) {
        expected += firstMax(scores, r * k, k) == labels[r] ? 1 : 0;
      }
      assertEquals(expected, losses.correct(n, k, Floats.padded(scores, Z_OFF, TAIL), Z_OFF,
          padded(labels), LABEL_OFF), impl + " " + c + ": correct of " + Arrays.toString(labels));
    }
  }

  private static int firstMax(float[] z, int off, int k) {
    int best = 0;
    for (int j = 1; j < k; j++) {
      double v = z[off + j];
      double m = z[off + best];
      if (v > m || (Double.isNaN(v) && !Double.isNaN(m))) {
        best = j;
      }
    }
    return best;
  }

  private static void checkGradient(String ctx, float[] d, double[] refD, double[] refP,
      int[] labels, int n, int k) {
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < k; j++) {
        int i = r * k + j;
        double terms = refP[i] + (j == labels[r] ? 1 : 0);
        near(ctx, i, d[OUT_OFF + i], refD[i], 1e-6 * terms / n + 1e-30);
      }
    }
  }

  private static int[] padded(int[] labels) {
    int[] p = new int[LABEL_OFF + labels.length + TAIL];
    Arrays.fill(p, -1);
    System.arraycopy(labels, 0, p, LABEL_OFF, labels.length);
    return p;
  }
}
