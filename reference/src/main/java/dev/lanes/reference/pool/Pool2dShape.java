package dev.lanes.reference.pool;

import dev.lanes.reference.Args;
import dev.lanes.reference.Shape;

/**
 * A 2-D pooling: square {@code kernel} x {@code kernel} windows moved by {@code stride} on both spatial
 * axes of {@code input}, without padding. Output extents: outH = (h - kernel) / stride + 1 (floor: rows
 * that no whole window reaches are skipped), and likewise for w; n, c and the layout are the input's.
 */
public record Pool2dShape(Shape input, int kernel, int stride) {

  public Pool2dShape {
    if (input == null) {
      throw new IllegalArgumentException("input: expected a Shape, actual null");
    }
    Args.positive("kernel", kernel);
    Args.positive("stride", stride);
    if (kernel > input.h()) {
      throw new IllegalArgumentException("kernel: expected <= h = " + input.h() + ", actual " + kernel);
    }
    if (kernel > input.w()) {
      throw new IllegalArgumentException("kernel: expected <= w = " + input.w() + ", actual " + kernel);
    }
  }

  /** Output height. */
  public int outH() {
    return (input.h() - kernel) / stride + 1;
  }

  /** Output width. */
  public int outW() {
    return (input.w() - kernel) / stride + 1;
  }

  /** Shape of the output activations. */
  public Shape output() {
    return new Shape(input.n(), input.c(), outH(), outW(), input.layout());
  }
}
