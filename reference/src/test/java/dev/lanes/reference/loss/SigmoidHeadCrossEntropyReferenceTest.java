package dev.lanes.reference.loss;

import static dev.lanes.reference.support.Rejects.assertRejected;
import static dev.lanes.reference.support.Rejects.sentinel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigmoidHeadCrossEntropyReferenceTest {
  private static final double EPS = SigmoidHeadCrossEntropyReference.EPSILON;

  @Test
  void byHand() {
    // Row 0: z = (0, 0), o = (1/2, 1/2), p = (1/2, 1/2), label 0: loss ln 2,
    //   dz_0 = p_0 (1 - o_0) - (1 - o_0) = -1/4, dz_1 = p_1 (1 - o_1) = 1/4.
    // Row 1: z = (0, ln 3), o = (1/2, 3/4), S = 5/4, p = (2/5, 3/5), label 1: loss -ln(3/5),
    //   dz_0 = 2/5 * 1/2 = 1/5, dz_1 = 3/5 * 1/4 - 1/4 = -1/10.
    double[] z = {0, 0, 0, Math.log(3)};
    double[] d = new double[4];
    double loss = SigmoidHeadCrossEntropyReference.lossAndGradient(2, 2, z, 0, new int[] {0, 1}, d, 0);
    assertEquals((Math.log(2) - Math.log(0.6)) / 2, loss, 1e-15, "mean loss");
    Grad.assertClose("gradient / n", new double[] {-0.125, 0.125, 0.1, -0.05}, d, 0, 1e-15);

    double[] p = new double[4];
    SigmoidHeadCrossEntropyReference.probabilities(2, 2, z, 0, p, 0);
    Grad.assertClose("p", new double[] {0.5, 0.5, 0.4, 0.6}, p, 0, 1e-15);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void gradientMatchesFiniteDifferencesWhereTheClipIsInactive(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.between(1, 6);
    int k = gen.between(2, 10);
    int off = gen.between(0, 3);
    int dOff = gen.between(0, 3);
    String context = "seed " + seed + ", n " + n + ", k " + k + ", offsets " + off + ", " + dOff;
    double[] z = gen.normal(off + n * k, 0, 2);
    int[] labels = gen.ints(n, k);
    double[] p = new double[n * k];
    SigmoidHeadCrossEntropyReference.probabilities(n, k, z, off, p, 0);
    for (int r = 0; r < n; r++) {
      double pl = p[r * k + labels[r]];
      assertTrue(pl > 10 * EPS && pl < 1 - 10 * EPS, context + ": row " + r + " would clip, p = " + pl);
    }

    double[] d = new double[dOff + n * k];
    SigmoidHeadCrossEntropyReference.lossAndGradient(n, k, z, off, labels, d, dOff);
    double[] numeric = Grad.numeric(z, 1e-5,
        () -> SigmoidHeadCrossEntropyReference.lossAndGradient(n, k, z, off, labels, null, 0));
    Grad.assertClose(context, Arrays.copyOfRange(numeric, off, off + n * k),
        Arrays.copyOfRange(d, dOff, dOff + n * k), 1e-6, 1e-9);
  }

  @Test
  void activeClipZeroesTheRowsGradient() {
    int n = 3;
    int k = 3;
    double[] z = {
      -30, 0, 0, // label 0: o_0 = 9e-14, p[0] far below EPSILON
      -30, 30, -30, // label 1: p[1] = 1 - 2e-13, above 1 - EPSILON
      0.3, -1.2, 2.0, // label 2: inside the clip
    };
    int[] labels = {0, 1, 2};
    double[] d = new double[n * k];
    double loss = SigmoidHeadCrossEntropyReference.lossAndGradient(n, k, z, 0, labels, d, 0);

    double[] lastRow = Arrays.copyOfRange(z, 6, 9);
    double[] dLast = new double[k];
    double lastLoss = SigmoidHeadCrossEntropyReference.lossAndGradient(1, k, lastRow, 0, new int[] {2}, dLast, 0);
    assertEquals((-Math.log(EPS) - Math.log(1 - EPS) + lastLoss) / n, loss, 1e-14, "mean of clipped losses");
    assertArrayEquals(new double[6], Arrays.copyOfRange(d, 0, 6), "clipped rows pass no gradient");
    for (int j = 0; j < k; j++) {
      assertEquals(dLast[j] / n, d[6 + j], 1e-17, "unclipped row, class " + j);
      assertNotEquals(0.0, d[6 + j], "unclipped row, class " + j);
    }

    double[] numeric = Grad.numeric(z, 1e-5,
        () -> SigmoidHeadCrossEntropyReference.lossAndGradient(n, k, z, 0, labels, null, 0));
    Grad.assertClose("finite differences", numeric, d, 1e-6, 1e-9);
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26})
  void probabilitiesSumToOneAndGiveTheLoss(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.between(1, 6);
    int k = gen.between(1, 12);
    int pOff = gen.between(0, 3);
    String context = "seed " + seed + ", n " + n + ", k " + k + ", p offset " + pOff;
    double[] z = gen.normal(n * k, 0, 4);
    int[] labels = gen.ints(n, k);
    double[] p = new double[pOff + n * k];
    SigmoidHeadCrossEntropyReference.probabilities(n, k, z, 0, p, pOff);
    double expectedLoss = 0;
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += p[pOff + r * k + j];
      }
      assertEquals(1, sum, 1e-14, context + ": row " + r + " sum");
      double pl = p[pOff + r * k + labels[r]];
      expectedLoss -= Math.log(Math.min(Math.max(pl, EPS), 1 - EPS));
    }
    double loss = SigmoidHeadCrossEntropyReference.lossAndGradient(n, k, z, 0, labels, null, 0);
    assertEquals(expectedLoss / n, loss, 1e-14, context + ": loss = mean -log clip(p[label])");
  }

  @Test
  void rejectsBadArgumentsWithoutWriting() {
    double[] z = new Gen(5).normal(7, 0, 1);
    int[] labels = {0, 2};
    double[] d = sentinel(7);
    assertRejected("n", () -> SigmoidHeadCrossEntropyReference.lossAndGradient(-2, 3, z, 0, labels, d, 0), d);
    assertRejected("k", () -> SigmoidHeadCrossEntropyReference.lossAndGradient(2, 0, z, 0, labels, d, 0), d);
    assertRejected("logits", () -> SigmoidHeadCrossEntropyReference.lossAndGradient(2, 3, null, 0, labels, d, 0), d);
    assertRejected("logits offset",
        () -> SigmoidHeadCrossEntropyReference.lossAndGradient(2, 3, z, -3, labels, d, 0), d);
    assertRejected("labels", () -> SigmoidHeadCrossEntropyReference.lossAndGradient(2, 3, z, 0, null, d, 0), d);
    assertRejected("labels[1]",
        () -> SigmoidHeadCrossEntropyReference.lossAndGradient(2, 3, z, 0, new int[] {1, 7}, d, 0), d);
    assertRejected("dlogits", () -> SigmoidHeadCrossEntropyReference.lossAndGradient(2, 3, z, 0, labels, d, 5), d);
    double[] shared = z.clone();
    assertRejected("logits and dlogits",
        () -> SigmoidHeadCrossEntropyReference.lossAndGradient(2, 3, shared, 0, labels, shared, 0), shared);

    double[] p = sentinel(7);
    assertRejected("p", () -> SigmoidHeadCrossEntropyReference.probabilities(2, 3, z, 0, p, 3), p);
    assertRejected("p offset", () -> SigmoidHeadCrossEntropyReference.probabilities(2, 3, z, 0, p, -1), p);
    assertRejected("logits", () -> SigmoidHeadCrossEntropyReference.probabilities(2, 3, z, 2, p, 0), p);
    assertRejected("n", () -> SigmoidHeadCrossEntropyReference.probabilities(0, 3, z, 0, p, 0), p);
  }
}
