package dev.lanes.kernels;

import dev.lanes.kernels.internal.Checks;

/**
 * A 2-D max pooling without padding: square {@code size} x {@code size} windows moved by {@code stride}
 * over both spatial axes of {@code input}. Windows overlap when stride < size; rows and columns that no
 * whole window reaches are skipped: {@code outH = (h - size) / stride + 1}, likewise outW. The output
 * keeps n, c and the layout of the input.
 */
public record PoolShape(TensorShape input, int size, int stride) {

  public PoolShape {
    Checks.notNull("input", input, "a TensorShape");
    Checks.positive("size", size);
    Checks.positive("stride", stride);
    if (size > input.h()) {
      throw new IllegalArgumentException("size: expected <= h = " + input.h() + ", actual " + size);
    }
    if (size > input.w()) {
      throw new IllegalArgumentException("size: expected <= w = " + input.w() + ", actual " + size);
    }
  }

  /** Output height. */
  public int outH() {
    return (input.h() - size) / stride + 1;
  }

  /** Output width. */
  public int outW() {
    return (input.w() - size) / stride + 1;
  }

  /** Shape of the output: (n, c, outH, outW) in the input's layout. */
  public TensorShape output() {
    return new TensorShape(input.n(), input.c(), outH(), outW(), input.layout());
  }

  @Override
  public String toString() {
    return input + " pool " + size + "/" + stride;
  }
}
