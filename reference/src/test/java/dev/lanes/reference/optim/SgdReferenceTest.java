package dev.lanes.reference.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.reference.support.Grad;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SgdReferenceTest {
  private static final double SENTINEL = -7.25;

  @Test
  void stepByHand() {
    double[] w = {1, 2, 3, 4};
    SgdReference.step(w, new double[] {0.5, -1, 0, 100}, 3, 0.1);
    Grad.assertClose("w - 0.1 g, last element outside count", new double[] {0.95, 2.1, 3, 4}, w, 0, 1e-15);
  }

  @Test
  void rejectsBadArgumentsWithoutWriting() {
    double[] g = {1, 2, 3};
    double[] w = sentinel(3);
    assertRejected("w", () -> SgdReference.step(null, g, 3, 0.1));
    assertRejected("w", () -> SgdReference.step(w, g, 4, 0.1), w);
    assertRejected("g", () -> SgdReference.step(w, null, 3, 0.1), w);
    assertRejected("g", () -> SgdReference.step(w, new double[2], 3, 0.1), w);
    assertRejected("count", () -> SgdReference.step(w, g, -1, 0.1), w);
    assertRejected("lr", () -> SgdReference.step(w, g, 3, 0), w);
    assertRejected("lr", () -> SgdReference.step(w, g, 3, Double.POSITIVE_INFINITY), w);
    assertRejected("w and g", () -> SgdReference.step(w, w, 3, 0.1), w);
  }

  private static double[] sentinel(int count) {
    double[] a = new double[count];
    Arrays.fill(a, SENTINEL);
    return a;
  }

  /** The call throws an IllegalArgumentException naming {@code argument}, and every output is unchanged. */
  private static void assertRejected(String argument, Executable call, double[]... outputs) {
    double[][] before = new double[outputs.length][];
    for (int i = 0; i < outputs.length; i++) {
      before[i] = outputs[i].clone();
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, argument);
    String m = e.getMessage();
    assertTrue(m.startsWith(argument + ":"), "names " + argument + ": " + m);
    assertTrue(m.contains("expected") && m.contains("actual"), "expected and actual: " + m);
    for (int i = 0; i < outputs.length; i++) {
      assertArrayEquals(before[i], outputs[i], argument + ": output " + i + " was written");
    }
  }
}
