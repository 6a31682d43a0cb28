package dev.lanes.lenet.data;

/**
 * Argument checks of the batch fillers: {@link IllegalArgumentException} naming the argument, the
 * expected and the actual value, thrown before anything is written.
 */
final class BatchChecks {
  private BatchChecks() {}

  /** indices[from .. from + count) exist and each is an item in [0, items). */
  static void indices(int[] indices, int from, int count, int items) {
    if (indices == null) {
      throw new IllegalArgumentException("indices: expected an array, actual null");
    }
    if (from < 0 || count < 0 || (long) from + count > indices.length) {
      throw new IllegalArgumentException("indices: expected from >= 0, count >= 0 and from + count <= "
          + indices.length + ", actual from " + from + ", count " + count);
    }
    for (int k = from; k < from + count; k++) {
      if (indices[k] < 0 || indices[k] >= items) {
        throw new IllegalArgumentException(
            "indices[" + k + "]: expected in [0, " + items + "), actual " + indices[k]);
      }
    }
  }

  /** An output of {@code length} elements holds {@code needed} of them from {@code offset}. */
  static void span(String name, boolean isNull, int length, int offset, long needed) {
    if (isNull) {
      throw new IllegalArgumentException(name + ": expected an array of " + needed + " elements, actual null");
    }
    if (offset < 0 || offset + needed > length) {
      throw new IllegalArgumentException(name + ": expected offset >= 0 and length >= offset + " + needed
          + ", actual offset " + offset + ", length " + length);
    }
  }
}
