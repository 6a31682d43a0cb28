package dev.lanes.reference.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * Arrays handed to a call that must fail validation, with snapshots, so a test can prove that the call
 * wrote nothing to any of them (inputs, outputs, short or aliased ones alike).
 */
public final class Watched {
  /** Fill value of outputs, so an untouched output is recognizable. */
  public static final double SENTINEL = -7777.25;

  private final List<double[]> arrays = new ArrayList<>();
  private final List<double[]> snapshots = new ArrayList<>();

  /** Watches {@code a} and returns it. */
  public double[] watch(double[] a) {
    arrays.add(a);
    snapshots.add(a.clone());
    return a;
  }

  /** A watched output of {@code length} elements, all {@link #SENTINEL}. */
  public double[] output(int length) {
    double[] a = new double[length];
    Arrays.fill(a, SENTINEL);
    return watch(a);
  }

  /** Fails unless every watched array still holds its snapshot. */
  public void assertUnchanged(String context) {
    for (int k = 0; k < arrays.size(); k++) {
      assertArrayEquals(snapshots.get(k), arrays.get(k), context + ": watched array " + k + " was written");
    }
  }

  /**
   * Fails unless {@code call} throws an {@link IllegalArgumentException} whose message starts with
   * {@code prefix}, and every watched array still holds its snapshot; returns the exception.
   */
  public IllegalArgumentException assertRejected(String context, String prefix, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, context);
    assertTrue(e.getMessage().startsWith(prefix),
        context + ": message '" + e.getMessage() + "' should start with '" + prefix + "'");
    assertUnchanged(context);
    return e;
  }
}
