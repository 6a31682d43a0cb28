package dev.lanes.reference;

/**
 * Argument checks shared by every entry point of the oracle. Each failure is an
 * {@link IllegalArgumentException} that names the argument, the expected and the actual value, and is
 * thrown before anything is written.
 */
public final class Args {
  private Args() {}

  /** Requires {@code value > 0}. */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": expected > 0, actual " + value);
    }
    return value;
  }

  /** Requires {@code value >= 0}. */
  public static int nonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": expected >= 0, actual " + value);
    }
    return value;
  }

  /** Requires a finite {@code value > 0}. */
  public static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + ": expected finite > 0, actual " + value);
    }
    return value;
  }

  /** Requires {@code lo <= value <= hi} (and not NaN). */
  public static double inRange(String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          name + ": expected in [" + lo + ", " + hi + "], actual " + value);
    }
    return value;
  }

  /** Requires {@code array} to hold {@code count} elements from {@code offset}. */
  public static void span(String name, double[] array, int offset, long count) {
    if (array == null) {
      throw new IllegalArgumentException(name + ": expected an array of " + count + " elements, actual null");
    }
    span(name, array.length, offset, count);
  }

  /** Requires {@code array} to hold {@code count} elements from {@code offset}. */
  public static void span(String name, int[] array, int offset, long count) {
    if (array == null) {
      throw new IllegalArgumentException(name + ": expected an array of " + count + " elements, actual null");
    }
    span(name, array.length, offset, count);
  }

  /** Requires exactly {@code count} elements, or null when {@code optional}. */
  public static void vector(String name, double[] array, int count, boolean optional) {
    if (array == null) {
      if (!optional) {
        throw new IllegalArgumentException(name + ": expected " + count + " elements, actual null");
      }
      return;
    }
    if (array.length != count) {
      throw new IllegalArgumentException(
          name + ": expected length " + count + ", actual " + array.length);
    }
  }

  /** Requires two arrays that are written to not to be the same array. */
  public static void distinct(String nameA, Object a, String nameB, Object b) {
    if (a != null && a == b) {
      throw new IllegalArgumentException(nameA + " and " + nameB + ": expected distinct arrays, actual the same array");
    }
  }

  private static void span(String name, int length, int offset, long count) {
    if (offset < 0) {
      throw new IllegalArgumentException(name + " offset: expected >= 0, actual " + offset);
    }
    if (offset + count > length) {
      throw new IllegalArgumentException(name + ": expected length >= " + (offset + count)
          + " (offset " + offset + " + " + count + " elements), actual " + length);
    }
  }
}
