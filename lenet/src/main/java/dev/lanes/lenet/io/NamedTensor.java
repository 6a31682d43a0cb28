package dev.lanes.lenet.io;

import java.util.Arrays;

/**
 * A float tensor with a name, as a checkpoint stores it: a shape (rank >= 0, each dimension >= 0) and
 * its values in row-major order. Arrays are copied in and out, so an instance never changes.
 */
public record NamedTensor(String name, int[] shape, float[] data) {

  public NamedTensor {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name: expected a non-empty string, actual " + quoted(name));
    }
    if (shape == null || data == null) {
      throw new IllegalArgumentException(name + ": expected a shape and data, actual "
          + (shape == null ? "null shape" : "null data"));
    }
    shape = shape.clone();
    long size = elementCount(name, shape);
    if (size != data.length) {
      throw new IllegalArgumentException(name + ": expected " + size + " values for shape "
          + Arrays.toString(shape) + ", actual " + data.length);
    }
    data = data.clone();
  }

  /** Number of values the shape holds; throws for a negative dimension or more than an array holds. */
  static long elementCount(String name, int[] shape) {
    long size = 1;
    for (int dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException(
            name + ": expected dimensions >= 0, actual " + Arrays.toString(shape));
      }
      size *= dim;
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            name + ": expected at most " + (Integer.MAX_VALUE - 8) + " values, shape "
                + Arrays.toString(shape));
      }
    }
    return size;
  }

  private static String quoted(String s) {
    return s == null ? "null" : "'" + s + "'";
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public float[] data() {
    return data.clone();
  }

  /** Number of values. */
  public int size() {
    return data.length;
  }

  /** Value {@code i} in row-major order, without copying the data. */
  public float get(int i) {
    return data[i];
  }

  /** Copies the values into {@code dest} from {@code offset}, without an intermediate array. */
  public void copyTo(float[] dest, int offset) {
    System.arraycopy(data, 0, dest, offset, data.length);
  }

  /** Equal names, shapes and values (values compared as {@link Float#equals} does: NaN equals NaN). */
  @Override
  public boolean equals(Object o) {
    return o instanceof NamedTensor t
        && name.equals(t.name)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
