package dev.lanes.reference.pool;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** (seed, shape) cases for the max-pool tests: edge shapes in both layouts, then shapes drawn from the seed. */
final class PoolCases {
  private PoolCases() {}

  /** Edge shapes as (n, c, h, w, kernel, stride). */
  private static final int[][] EDGES = {
    {1, 1, 4, 4, 2, 2}, // LeNet's pooling
    {2, 3, 6, 6, 2, 2},
    {1, 2, 5, 7, 2, 2}, // odd extents: the last row and column are in no window
    {1, 2, 5, 5, 3, 2}, // overlapping windows
    {2, 1, 7, 6, 3, 2},
    {1, 3, 4, 4, 3, 1}, // heavily overlapping
    {1, 1, 3, 3, 3, 3}, // one window covering the whole image
    {1, 2, 1, 1, 1, 1}, // identity
    {1, 1, 5, 5, 1, 2}, // subsampling
  };

  private static final int RANDOM = 10;

  static Stream<Arguments> all() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 3000;
    for (int[] e : EDGES) {
      for (Layout layout : Layout.values()) {
        cases.add(Arguments.of(seed++, new Pool2dShape(new Shape(e[0], e[1], e[2], e[3], layout), e[4], e[5])));
      }
    }
    for (int k = 0; k < RANDOM; k++) {
      Gen g = new Gen(seed);
      int h = g.between(1, 8);
      int w = g.between(1, 8);
      Shape input = new Shape(g.between(1, 2), g.between(1, 3), h, w, Layout.values()[g.between(0, 1)]);
      int kernel = g.between(1, Math.min(4, Math.min(h, w)));
      cases.add(Arguments.of(seed, new Pool2dShape(input, kernel, g.between(1, 3))));
      seed++;
    }
    return cases.stream();
  }

  /**
   * A shuffled 0..size-1, centred and spaced 0.5 apart: no ties, so every window's argmax survives a
   * finite-difference step smaller than 0.25.
   */
  static double[] distinct(Gen g, int size) {
    double[] a = new double[size];
    for (int i = 0; i < size; i++) {
      a[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = g.between(0, i);
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    for (int i = 0; i < size; i++) {
      a[i] = (a[i] - size / 2.0) * 0.5;
    }
    return a;
  }

  static String context(long seed, Pool2dShape s) {
    return "seed " + seed + ", " + s;
  }
}
