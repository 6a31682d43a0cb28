package dev.lanes.jmh.shapes;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;

/**
 * The batch-norm shapes of BENCHMARKING.md by id. B3 is 2-D (N, C): H = W = 1, so both layouts give the
 * same memory order; benchmarks accept either layout for it and reports show it once as 2-D.
 */
public enum BatchNormShape {
  B1(64, 6, 24, 24, "LeNet conv1 output"),
  B2(64, 16, 8, 8, "LeNet conv2 output"),
  B3(64, 120, 1, 1, "LeNet dense(120) output"),
  B4(32, 64, 56, 56, "ResNet stage-1 activation"),
  B5(64, 256, 28, 28, "larger than the 32 MiB L3");

  private final int n;
  private final int c;
  private final int h;
  private final int w;
  private final String description;

  BatchNormShape(int n, int c, int h, int w, String description) {
    this.n = n;
    this.c = c;
    this.h = h;
    this.w = w;
    this.description = description;
  }

  /** The shape with this id; the exception lists the valid ids. */
  public static BatchNormShape byId(String id) {
    for (BatchNormShape s : values()) {
      if (s.name().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "shape: expected one of " + java.util.Arrays.toString(values()) + ", actual " + id);
  }

  /** The logical shape in the given memory order. */
  public Shape shape(Layout layout) {
    return new Shape(n, c, h, w, layout);
  }

  /** True for the 2-D (N, C) shape, whose memory order does not depend on the layout. */
  public boolean is2d() {
    return h == 1 && w == 1;
  }

  /** Number of elements: N * C * H * W. */
  public long elements() {
    return (long) n * c * h * w;
  }

  /** Extents as BENCHMARKING.md writes them, e.g. "64 x 6 x 24 x 24" or "64 x 120 (2-D)". */
  public String dims() {
    return is2d() ? n + " x " + c + " (2-D)" : n + " x " + c + " x " + h + " x " + w;
  }

  /** What the shape stands for. */
  public String description() {
    return description;
  }
}
