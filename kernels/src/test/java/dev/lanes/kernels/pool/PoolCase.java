package dev.lanes.kernels.pool;

import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.PoolShape;
import dev.lanes.kernels.TensorShape;
import dev.lanes.reference.Shape;
import dev.lanes.reference.pool.Pool2dShape;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;

/**
 * One seeded max-pool case: a pooling, a kind of data, and the float input made from the seed. Its
 * {@link #toString} (seed, pooling, data) is in every failure message, so the case replays.
 */
record PoolCase(long seed, PoolShape pool, Data data) {

  enum Data {
    NORMAL,
    /** values from {-1, -0.0, 0, 1}: many ties, and signed zeros that compare equal. */
    TIES,
    /** normal values with about 15% NaN and 5% infinities of either sign. */
    NAN,
  }

  /**
   * (n, c, h, w, size, stride): one element, overlapping windows (stride < size), odd extents that
   * leave rows and columns unread, whole-image windows, channel counts around one and two vectors of
   * the running width (NHWC switches between its paths there), LeNet's two poolings.
   */
  static List<PoolCase> all() {
    int l = Implementations.lanes();
    int[][] dims = {
        {1, 1, 1, 1, 1, 1}, {1, 1, 5, 5, 2, 1}, {2, 3, 7, 9, 3, 2}, {2, 3, 24, 24, 2, 2},
        {4, 16, 8, 8, 2, 2}, {1, 5, 5, 5, 5, 1}, {3, 17, 11, 13, 3, 3}, {2, l + 1, 5, 5, 2, 2},
        {2, l, 6, 6, 3, 1}, {1, 2 * l + 3, 4, 4, 2, 2}, {1, l - 1, 7, 7, 2, 2}, {1, 1, 31, 1, 1, 2},
        {4, 3, 13, 17, 5, 4}, {64, 6, 24, 24, 2, 2}, {2, 1, 1031, 3, 3, 1},
        // NCHW 2x2 stride 2 (its own path): output rows of exactly one vector, one less, one and two
        // vectors plus one (odd input widths leave the last column unread), odd heights
        {1, 3, 5, 2 * l, 2, 2}, {2, 2, 4, 2 * l - 1, 2, 2}, {1, 2, 7, 2 * l + 3, 2, 2},
        {2, 1, 3, 4 * l + 2, 2, 2}, {1, 1, 2, 2, 2, 2},
    };
    List<PoolCase> cases = new ArrayList<>();
    long seed = 52_000;
    for (int[] d : dims) {
      for (Layout layout : Layout.values()) {
        for (Data data : Data.values()) {
          TensorShape s = new TensorShape(d[0], d[1], d[2], d[3], layout);
          cases.add(new PoolCase(seed++, new PoolShape(s, d[4], d[5]), data));
        }
      }
    }
    return cases;
  }

  float[] x() {
    Gen gen = new Gen(seed);
    int size = pool.input().size();
    return switch (data) {
      case NORMAL -> Floats.floats(gen.normal(size, 0, 1));
      case TIES -> {
        float[] x = new float[size];
        int[] k = gen.ints(size, 4);
        for (int i = 0; i < size; i++) {
          x[i] = new float[] {-1f, -0f, 0f, 1f}[k[i]];
        }
        yield x;
      }
      case NAN -> {
        float[] x = Floats.floats(gen.normal(size, 0, 1));
        int[] k = gen.ints(size, 20);
        for (int i = 0; i < size; i++) {
          x[i] = switch (k[i]) {
            case 0, 1, 2 -> Float.NaN;
            case 3 -> Float.POSITIVE_INFINITY;
            case 4 -> Float.NEGATIVE_INFINITY;
            default -> x[i];
          };
        }
        yield x;
      }
    };
  }

  float[] dy() {
    return Floats.floats(new Gen(seed + 1).normal(pool.output().size(), 0, 1));
  }

  Pool2dShape oracle() {
    TensorShape s = pool.input();
    return new Pool2dShape(new Shape(s.n(), s.c(), s.h(), s.w(),
        dev.lanes.reference.Layout.valueOf(s.layout().name())), pool.size(), pool.stride());
  }

  @Override
  public String toString() {
    return "seed " + seed + ", " + pool + ", " + data;
  }
}
