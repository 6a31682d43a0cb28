package dev.lanes.reference.batchnorm;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Seeded (seed, shape) cases over edge shapes in every layout, for parameterized tests. */
final class BatchNormCases {
  private BatchNormCases() {}

  private static final int[][] SMALL = {
      {1, 1, 1, 1}, {1, 3, 1, 1}, {4, 1, 1, 1}, {2, 3, 2, 2}, {1, 2, 3, 5}, {3, 5, 2, 3}, {2, 7, 1, 3},
  };

  /** Small shapes for finite differences, each in NCHW, NHWC and (for H = W = 1) as 2-D. */
  static Stream<Arguments> small() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 1000;
    for (int[] d : SMALL) {
      for (Layout layout : Layout.values()) {
        cases.add(Arguments.of(seed++, new Shape(d[0], d[1], d[2], d[3], layout)));
      }
    }
    return cases.stream();
  }

  /** Larger shapes for statistical properties: primes, lane counts +-1, N = 1, H * W = 1. */
  static Stream<Arguments> medium() {
    int[][] dims = {{7, 13, 17, 1}, {1, 9, 5, 7}, {16, 17, 1, 1}, {3, 15, 4, 4}, {2, 33, 3, 3}};
    List<Arguments> cases = new ArrayList<>();
    long seed = 2000;
    for (int[] d : dims) {
      for (Layout layout : Layout.values()) {
        cases.add(Arguments.of(seed++, new Shape(d[0], d[1], d[2], d[3], layout)));
      }
    }
    return cases.stream();
  }
}
