package dev.lanes.reference.dense;

import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** (seed, n, in, out, withBias) cases for the dense tests: edge extents, then extents drawn from the seed. */
final class DenseCases {
  private DenseCases() {}

  private static final int[][] EDGES = {
    {1, 1, 1}, {2, 3, 2}, {3, 5, 4}, {1, 7, 1}, {4, 1, 3}, {5, 6, 7}, {2, 16, 3},
  };

  private static final int RANDOM = 8;

  static Stream<Arguments> all() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 2000;
    for (int[] e : EDGES) {
      for (boolean withBias : new boolean[] {true, false}) {
        cases.add(Arguments.of(seed++, e[0], e[1], e[2], withBias));
      }
    }
    for (int k = 0; k < RANDOM; k++) {
      Gen g = new Gen(seed);
      cases.add(Arguments.of(seed, g.between(1, 6), g.between(1, 9), g.between(1, 9), k % 2 == 0));
      seed++;
    }
    return cases.stream();
  }

  static String context(long seed, int n, int in, int out, boolean withBias) {
    return "seed " + seed + ", n " + n + ", in " + in + ", out " + out + (withBias ? ", bias" : ", no bias");
  }
}
