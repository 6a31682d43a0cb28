package dev.lanes.kernels.internal;

/**
 * Argument checks of the public entry points. Each failure is an {@link IllegalArgumentException} naming
 * the argument, the expected and the actual value, thrown before any output is written.
 */
public final class Checks {
  private Checks() {}

  public static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": expected > 0, actual " + value);
    }
  }

  public static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + ": expected finite > 0, actual " + value);
    }
  }

  public static void inRange(String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          name + ": expected in [" + lo + ", " + hi + "], actual " + value);
    }
  }

  public static void notNull(String name, Object value, String expected) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": expected " + expected + ", actual null");
    }
  }

  /** Requires {@code array} to hold {@code count} elements from {@code offset}. */
  public static void span(String name, float[] array, int offset, int count) {
    if (array == null) {
      throw nullArray(name, count);
    }
    if (offset < 0) {
      throw new IllegalArgumentException(name + " offset: expected >= 0, actual " + offset);
    }
    if ((long) offset + count > array.length) {
      throw new IllegalArgumentException(name + ": expected length >= " + ((long) offset + count)
          + " (offset " + offset + " + " + count + " elements), actual " + array.length);
    }
  }

  /** Requires {@code array} to hold {@code count} elements from {@code offset}. */
  public static void span(String name, int[] array, int offset, int count) {
    if (array == null) {
      throw nullArray(name, count);
    }
    if (offset < 0) {
      throw new IllegalArgumentException(name + " offset: expected >= 0, actual " + offset);
    }
    if ((long) offset + count > array.length) {
      throw new IllegalArgumentException(name + ": expected length >= " + ((long) offset + count)
          + " (offset " + offset + " + " + count + " elements), actual " + array.length);
    }
  }

  /** Requires {@code a * b} elements to fit an array; returns the product. */
  public static int product(String name, int a, int b) {
    long count = (long) a * b;
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + ": expected at most " + Integer.MAX_VALUE
          + " elements, actual " + a + " * " + b + " = " + count);
    }
    return (int) count;
  }

  /**
   * Requires the span of output {@code out} not to overlap the span of {@code in} when both are the same
   * array (spans of lengths {@code outLen} and {@code inLen}); each span was checked before.
   */
  public static void disjoint(String outName, Object out, int outOff, int outLen,
      String inName, Object in, int inOff, int inLen) {
    if (out != null && out == in && (long) outOff < (long) inOff + inLen
        && (long) inOff < (long) outOff + outLen) {
      throw new IllegalArgumentException(outName + " and " + inName + ": expected disjoint spans of "
          + "one array, actual [" + outOff + ", " + ((long) outOff + outLen) + ") and [" + inOff + ", "
          + ((long) inOff + inLen) + ")");
    }
  }

  /**
   * Requires output {@code out} to be, if it is the array {@code in}, either exactly in place (same
   * offset) or a span disjoint from it, both of {@code count} elements.
   */
  public static void sameOrDisjoint(String outName, float[] out, int outOff, String inName,
      float[] in, int inOff, int count) {
    if (out == in && outOff != inOff && Math.abs((long) outOff - inOff) < count) {
      throw new IllegalArgumentException(outName + " offset: expected " + inOff + " (in place on "
          + inName + ") or a span disjoint from " + inName + "'s [" + inOff + ", "
          + ((long) inOff + count) + "), actual " + outOff);
    }
  }

  /** Requires exactly {@code count} elements, or null when {@code optional}. */
  public static void vector(String name, float[] array, int count, boolean optional) {
    if (array == null) {
      if (!optional) {
        throw new IllegalArgumentException(name + ": expected " + count + " elements, actual null");
      }
      return;
    }
    length(name, array.length, count);
  }

  /** Requires exactly {@code count} elements, or null when {@code optional}. */
  public static void vector(String name, double[] array, int count, boolean optional) {
    if (array == null) {
      if (!optional) {
        throw new IllegalArgumentException(name + ": expected " + count + " elements, actual null");
      }
      return;
    }
    length(name, array.length, count);
  }

  /** Requires two arrays, at least one written, not to be the same array. */
  public static void distinct(String nameA, Object a, String nameB, Object b) {
    if (a != null && a == b) {
      throw new IllegalArgumentException(
          nameA + " and " + nameB + ": expected distinct arrays, actual the same array");
    }
  }

  /** Requires both or neither of two optional arrays. */
  public static void pair(String nameA, Object a, String nameB, Object b) {
    if ((a == null) != (b == null)) {
      throw new IllegalArgumentException(nameA + " and " + nameB
          + ": expected both or neither, actual only " + (a == null ? nameB : nameA));
    }
  }

  private static void length(String name, int actual, int count) {
    if (actual != count) {
      throw new IllegalArgumentException(name + ": expected length " + count + ", actual " + actual);
    }
  }

  /** Built only on failure: a message concatenated on every call would allocate on every call. */
  private static IllegalArgumentException nullArray(String name, int count) {
    return new IllegalArgumentException(
        name + ": expected an array of " + count + " elements, actual null");
  }
}
