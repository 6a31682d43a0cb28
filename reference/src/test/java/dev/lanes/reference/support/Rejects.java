package dev.lanes.reference.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the argument checks of the reference kernels. */
public final class Rejects {
  /** Fill value of {@link #sentinel} arrays, so an untouched output is recognizable. */
  public static final double SENTINEL = -7.25;

  private Rejects() {}

  /** An output of {@code count} elements, all {@link #SENTINEL}, to hand to a call that must fail. */
  public static double[] sentinel(int count) {
    double[] a = new double[count];
    Arrays.fill(a, SENTINEL);
    return a;
  }

  /**
   * Fails unless {@code call} throws an {@link IllegalArgumentException} whose message starts with
   * {@code argument + ":"} and holds both "expected" and "actual", and leaves every one of {@code outputs}
   * as it was before the call.
   */
  public static void assertRejected(String argument, Executable call, double[]... outputs) {
    Watched watched = new Watched();
    for (double[] output : outputs) {
      watched.watch(output);
    }
    String m = watched.assertRejected(argument, argument + ":", call).getMessage();
    assertTrue(m.contains("expected") && m.contains("actual"), "expected and actual: " + m);
  }

  /** Fails unless {@code call} throws an {@link IllegalArgumentException} with exactly this message. */
  public static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call, expected).getMessage());
  }
}
