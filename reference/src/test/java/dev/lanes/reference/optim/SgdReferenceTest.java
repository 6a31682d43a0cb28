package dev.lanes.reference.optim;

import static dev.lanes.reference.support.Rejects.assertRejected;
import static dev.lanes.reference.support.Rejects.sentinel;

import dev.lanes.reference.support.Grad;
import org.junit.jupiter.api.Test;

class SgdReferenceTest {
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
}
