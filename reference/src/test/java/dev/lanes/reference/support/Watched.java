package dev.lanes.reference.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
}
