package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * float[] and int[] arrays handed to a call that must fail validation, with snapshots, so a test proves
 * that the call wrote nothing to any of them.
 */
public final class Watch {
  private final List<Object> arrays = new ArrayList<>();
  private final List<Object> snapshots = new ArrayList<>();

  /** Watches every float[] and int[] among {@code arrays} (others, and nulls, are ignored). */
  public static Watch of(Object... arrays) {
    Watch w = new Watch();
    for (Object a : arrays) {
      if (a instanceof float[] f) {
        w.arrays.add(f);
        w.snapshots.add(f.clone());
      } else if (a instanceof int[] i) {
        w.arrays.add(i);
        w.snapshots.add(i.clone());
      }
    }
    return w;
  }

  /**
   * Fails unless {@code call} throws an {@link IllegalArgumentException} whose message starts with
   * {@code name + ":"} and says what was expected and what was actual, and every watched array still
   * holds its snapshot.
   */
  public void assertRejected(String name, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, name);
    String m = e.getMessage();
    assertTrue(m.startsWith(name + ":"), "'" + m + "' should name " + name);
    assertTrue(m.contains("expected") && m.contains("actual"), "expected and actual: " + m);
    for (int k = 0; k < arrays.size(); k++) {
      Object a = arrays.get(k);
      if (a instanceof float[] f) {
        assertArrayEquals((float[]) snapshots.get(k), f, name + ": watched array " + k + " written");
      } else {
        assertArrayEquals((int[]) snapshots.get(k), (int[]) a, name + ": watched array " + k
            + " written");
      }
    }
  }
}
