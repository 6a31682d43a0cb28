package dev.lanes.reference.optim;

import static dev.lanes.reference.optim.RmsPropReference.DEFAULT_EPS;
import static dev.lanes.reference.optim.RmsPropReference.DEFAULT_LR;
import static dev.lanes.reference.optim.RmsPropReference.DEFAULT_RHO;
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

class RmsPropReferenceTest {
  @Test
  void kerasDefaults() {
    assertEquals(0.001, DEFAULT_LR);
    assertEquals(0.9, DEFAULT_RHO);
    assertEquals(1e-7, DEFAULT_EPS);
  }

  @Test
  void firstStepFromZeroState() {
    // From v = 0: v = 0.1 g^2, so w moves by lr * g / (sqrt(0.1) |g| + eps), about lr * sign(g) * 3.1623.
    // Expected values worked out in double: 0.001 * 2 / (sqrt(0.4) + 1e-7) = 0.0031622771601684586, etc.
    double[] w = {1, 1, 1, 5};
    double[] g = {2, -0.5, 0, 9};
    double[] v = new double[4];
    RmsPropReference.step(w, g, v, 3, DEFAULT_LR, DEFAULT_RHO, DEFAULT_EPS);
    Grad.assertClose("v", new double[] {0.4, 0.025, 0, 0}, v, 1e-15, 0);
    Grad.assertClose("w", new double[] {1 - 0.0031622771601684586, 1 + 0.003162275660169644, 1, 5}, w, 0, 1e-15);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void constantGradientConvergesToTheSteadyStep(long seed) {
    Gen gen = new Gen(seed);
    int count = gen.between(1, 16);
    String context = "seed " + seed + ", count " + count;
    double[] g = gen.uniform(count, 0.01, 5);
    int[] signs = gen.ints(count, 2);
    for (int i = 0; i < count; i++) {
      g[i] = signs[i] == 0 ? -g[i] : g[i];
    }
    double[] w = gen.normal(count, 0, 1);
    double[] v = new double[count];
    double[] previousStep = new double[count];
    Arrays.fill(previousStep, Double.POSITIVE_INFINITY);
    double[] step = new double[count];
    // v_t = (1 - rho^t) g^2, so each step lr |g| / (sqrt(1 - rho^t) |g| + eps) shrinks toward lr |g| / (|g| + eps).
    for (int t = 1; t <= 400; t++) {
      double[] before = w.clone();
      RmsPropReference.step(w, g, v, count, DEFAULT_LR, DEFAULT_RHO, DEFAULT_EPS);
      for (int i = 0; i < count; i++) {
        step[i] = Math.abs(before[i] - w[i]);
        assertTrue(step[i] <= previousStep[i] * (1 + 1e-9), context + ": step " + t + " grew at " + i);
      }
      System.arraycopy(step, 0, previousStep, 0, count);
    }
    double[] expected = new double[count];
    double[] squares = new double[count];
    for (int i = 0; i < count; i++) {
      expected[i] = DEFAULT_LR * Math.abs(g[i]) / (Math.abs(g[i]) + DEFAULT_EPS);
      squares[i] = g[i] * g[i];
    }
    Grad.assertClose(context + ": v", squares, v, 1e-12, 0);
    // The step is a difference of w values near 1, so it carries ~1e-16 / 1e-3 relative rounding.
    Grad.assertClose(context + ": last step", expected, step, 1e-9, 0);
  }

  @Test
  void rejectsBadArgumentsWithoutWriting() {
    double[] g = {1, 2, 3};
    double[] w = sentinel(3);
    double[] v = sentinel(3);
    assertRejected("w", () -> RmsPropReference.step(null, g, v, 3, 0.001, 0.9, 1e-7), v);
    assertRejected("g", () -> RmsPropReference.step(w, null, v, 3, 0.001, 0.9, 1e-7), w, v);
    assertRejected("v", () -> RmsPropReference.step(w, g, null, 3, 0.001, 0.9, 1e-7), w);
    assertRejected("w", () -> RmsPropReference.step(new double[2], g, v, 3, 0.001, 0.9, 1e-7), v);
    assertRejected("g", () -> RmsPropReference.step(w, new double[2], v, 3, 0.001, 0.9, 1e-7), w, v);
    assertRejected("v", () -> RmsPropReference.step(w, g, new double[2], 3, 0.001, 0.9, 1e-7), w);
    assertRejected("count", () -> RmsPropReference.step(w, g, v, 0, 0.001, 0.9, 1e-7), w, v);
    assertRejected("lr", () -> RmsPropReference.step(w, g, v, 3, 0, 0.9, 1e-7), w, v);
    assertRejected("lr", () -> RmsPropReference.step(w, g, v, 3, -0.001, 0.9, 1e-7), w, v);
    assertRejected("lr", () -> RmsPropReference.step(w, g, v, 3, Double.NaN, 0.9, 1e-7), w, v);
    assertRejected("rho", () -> RmsPropReference.step(w, g, v, 3, 0.001, 1, 1e-7), w, v);
    assertRejected("rho", () -> RmsPropReference.step(w, g, v, 3, 0.001, -0.1, 1e-7), w, v);
    assertRejected("rho", () -> RmsPropReference.step(w, g, v, 3, 0.001, Double.NaN, 1e-7), w, v);
    assertRejected("eps", () -> RmsPropReference.step(w, g, v, 3, 0.001, 0.9, 0), w, v);
    assertRejected("w and v", () -> RmsPropReference.step(w, g, w, 3, 0.001, 0.9, 1e-7), w);
    assertRejected("g and v", () -> RmsPropReference.step(w, v, v, 3, 0.001, 0.9, 1e-7), w, v);
  }
}
