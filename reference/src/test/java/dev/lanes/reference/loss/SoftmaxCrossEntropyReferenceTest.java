package dev.lanes.reference.loss;

import static dev.lanes.reference.support.Rejects.assertRejected;
import static dev.lanes.reference.support.Rejects.sentinel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftmaxCrossEntropyReferenceTest {
  @Test
  void equalLogitsGiveLogK() {
    int n = 3;
    int k = 5;
    double[] logits = new double[n * k];
    Arrays.fill(logits, 0.7);
    int[] labels = {0, 4, 2};
    double[] d = new double[n * k];
    double loss = SoftmaxCrossEntropyReference.lossAndGradient(n, k, logits, 0, labels, d, 0);
    assertEquals(Math.log(5), loss, 1e-15, "loss");
    double[] expected = new double[n * k];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < k; j++) {
        expected[r * k + j] = (0.2 - (j == labels[r] ? 1 : 0)) / n;
      }
    }
    Grad.assertClose("gradient", expected, d, 0, 1e-16);
  }

  @Test
  void oneByTwoByHand() {
    // Logits (0, ln 3): softmax = (1/4, 3/4).
    double[] logits = {0, Math.log(3)};
    double[] d = new double[2];
    double loss = SoftmaxCrossEntropyReference.lossAndGradient(1, 2, logits, 0, new int[] {0}, d, 0);
    assertEquals(Math.log(4), loss, 1e-15, "label 0: -log(1/4)");
    Grad.assertClose("label 0", new double[] {-0.75, 0.75}, d, 0, 1e-15);

    loss = SoftmaxCrossEntropyReference.lossAndGradient(1, 2, logits, 0, new int[] {1}, d, 0);
    assertEquals(Math.log(4.0 / 3), loss, 1e-15, "label 1: -log(3/4)");
    Grad.assertClose("label 1", new double[] {0.25, -0.25}, d, 0, 1e-15);
  }

  @Test
  void hugeLogitsStayFinite() {
    double[] logits = {1000, 0, 1000, 1000};
    double[] d = new double[4];
    double loss = SoftmaxCrossEntropyReference.lossAndGradient(2, 2, logits, 0, new int[] {1, 0}, d, 0);
    assertEquals((1000 + Math.log(2)) / 2, loss, 1e-12, "rows -log(e^-1000) and log 2");
    Grad.assertClose("gradient", new double[] {0.5, -0.5, -0.25, 0.25}, d, 0, 1e-15);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void gradientMatchesFiniteDifferences(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.between(1, 6);
    int k = gen.between(1, 10);
    int off = gen.between(0, 3);
    int dOff = gen.between(0, 3);
    String context = "seed " + seed + ", n " + n + ", k " + k + ", offsets " + off + ", " + dOff;
    double[] logits = gen.normal(off + n * k, 0, 3);
    int[] labels = gen.ints(n, k);

    double[] d = new double[dOff + n * k];
    SoftmaxCrossEntropyReference.lossAndGradient(n, k, logits, off, labels, d, dOff);
    double[] numeric = Grad.numeric(logits, 1e-5,
        () -> SoftmaxCrossEntropyReference.lossAndGradient(n, k, logits, off, labels, null, 0));
    Grad.assertClose(context, Arrays.copyOfRange(numeric, off, off + n * k),
        Arrays.copyOfRange(d, dOff, dOff + n * k), 1e-6, 1e-9);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void invariantToAddingAConstantToARow(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.between(1, 6);
    int k = gen.between(2, 10);
    String context = "seed " + seed + ", n " + n + ", k " + k;
    double[] logits = gen.normal(n * k, 0, 3);
    double[] shifts = gen.uniform(n, -50, 50);
    double[] shifted = logits.clone();
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < k; j++) {
        shifted[r * k + j] += shifts[r];
      }
    }
    int[] labels = gen.ints(n, k);
    double[] d = new double[n * k];
    double[] dShifted = new double[n * k];
    double loss = SoftmaxCrossEntropyReference.lossAndGradient(n, k, logits, 0, labels, d, 0);
    double lossShifted = SoftmaxCrossEntropyReference.lossAndGradient(n, k, shifted, 0, labels, dShifted, 0);
    assertEquals(loss, lossShifted, 1e-12, context + ": loss");
    Grad.assertClose(context + ": gradient", d, dShifted, 0, 1e-12);
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26})
  void probabilitiesSumToOneAndMatchTheGradient(long seed) {
    Gen gen = new Gen(seed);
    int n = gen.between(1, 6);
    int k = gen.between(1, 12);
    int pOff = gen.between(0, 3);
    String context = "seed " + seed + ", n " + n + ", k " + k + ", p offset " + pOff;
    double[] logits = gen.normal(n * k, 0, 200);
    int[] labels = gen.ints(n, k);
    double[] p = new double[pOff + n * k];
    SoftmaxCrossEntropyReference.probabilities(n, k, logits, 0, p, pOff);
    double[] d = new double[n * k];
    SoftmaxCrossEntropyReference.lossAndGradient(n, k, logits, 0, labels, d, 0);
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double pj = p[pOff + r * k + j];
        assertTrue(pj >= 0 && pj <= 1, context + ": row " + r + " p[" + j + "] = " + pj);
        assertEquals(pj - (j == labels[r] ? 1 : 0), n * d[r * k + j], 1e-15, context + ": row " + r + " class " + j);
        sum += pj;
      }
      assertEquals(1, sum, 1e-14, context + ": row " + r + " sum");
    }
  }

  @Test
  void lossWithoutGradientIsTheSame() {
    Gen gen = new Gen(3);
    double[] logits = gen.normal(12, 0, 2);
    int[] labels = {1, 0, 3};
    double withGradient = SoftmaxCrossEntropyReference.lossAndGradient(3, 4, logits, 0, labels, new double[12], 0);
    assertEquals(withGradient, SoftmaxCrossEntropyReference.lossAndGradient(3, 4, logits, 0, labels, null, 0));
  }

  @Test
  void rejectsBadArgumentsWithoutWriting() {
    double[] logits = new Gen(5).normal(7, 0, 1);
    int[] labels = {0, 2};
    double[] d = sentinel(7);
    assertRejected("n", () -> SoftmaxCrossEntropyReference.lossAndGradient(0, 3, logits, 0, labels, d, 0), d);
    assertRejected("k", () -> SoftmaxCrossEntropyReference.lossAndGradient(2, -1, logits, 0, labels, d, 0), d);
    assertRejected("logits", () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, null, 0, labels, d, 0), d);
    assertRejected("logits", () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, logits, 2, labels, d, 0), d);
    assertRejected("logits offset",
        () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, logits, -1, labels, d, 0), d);
    assertRejected("labels", () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, logits, 0, null, d, 0), d);
    assertRejected("labels", () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, logits, 0, new int[1], d, 0), d);
    assertRejected("labels[1]",
        () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, logits, 0, new int[] {0, 3}, d, 0), d);
    assertRejected("labels[1]",
        () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, logits, 0, new int[] {0, -1}, d, 0), d);
    assertRejected("dlogits", () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, logits, 0, labels, d, 2), d);
    assertRejected("dlogits offset",
        () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, logits, 0, labels, d, -1), d);
    double[] shared = logits.clone();
    assertRejected("logits and dlogits",
        () -> SoftmaxCrossEntropyReference.lossAndGradient(2, 3, shared, 0, labels, shared, 0), shared);

    double[] p = sentinel(7);
    assertRejected("p", () -> SoftmaxCrossEntropyReference.probabilities(2, 3, logits, 0, p, 2), p);
    assertRejected("p", () -> SoftmaxCrossEntropyReference.probabilities(2, 3, logits, 0, null, 0));
    assertRejected("logits", () -> SoftmaxCrossEntropyReference.probabilities(3, 3, logits, 0, p, 0), p);
    assertRejected("k", () -> SoftmaxCrossEntropyReference.probabilities(2, 0, logits, 0, p, 0), p);
  }
}
