package dev.lanes.reference.conv;

import dev.lanes.reference.Layout;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * (seed, shape) cases for the convolution tests: hand-picked edge shapes in both layouts, then shapes
 * drawn from their seed. A failing case is replayed from the seed and shape in its message.
 */
final class ConvCases {
  private ConvCases() {}

  /** Edge shapes as (n, cin, h, w, cout, kh, kw, stride, pad). */
  private static final int[][] EDGES = {
    {1, 1, 3, 3, 1, 2, 2, 1, 0}, // the known-answer case
    {2, 3, 5, 5, 2, 3, 3, 1, 1}, // "same" 3x3
    {1, 2, 7, 6, 3, 3, 3, 2, 1}, // stride 2, odd height
    {2, 1, 5, 7, 2, 1, 1, 1, 0}, // 1x1, cin = 1
    {1, 2, 6, 5, 1, 1, 1, 2, 0}, // 1x1 stride 2, cout = 1
    {1, 2, 3, 4, 2, 7, 8, 1, 2}, // kernel as large as the padded input: a 1x1 output
    {1, 1, 4, 5, 1, 5, 3, 2, 2}, // non-square kernel, stride 2, pad 2
    {2, 3, 6, 5, 4, 2, 3, 2, 2}, // pad 2 with a kernel of 2: border outputs see only padding
    {1, 2, 6, 6, 2, 3, 3, 2, 0}, // stride does not divide: the last input row and column are unread
    {1, 3, 1, 1, 2, 1, 1, 1, 0}, // a 1x1 image: a dense layer
    {1, 1, 1, 1, 1, 3, 3, 1, 1}, // a 1x1 image seen by a padded 3x3
  };

  private static final int RANDOM = 12;

  static Stream<Arguments> all() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 1000;
    for (int[] e : EDGES) {
      for (Layout layout : Layout.values()) {
        cases.add(Arguments.of(seed++, new Conv2dShape(
            e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], layout)));
      }
    }
    for (int k = 0; k < RANDOM; k++) {
      cases.add(Arguments.of(seed, random(seed)));
      seed++;
    }
    return cases.stream();
  }

  /** A small random convolution drawn from {@code seed}. */
  static Conv2dShape random(long seed) {
    Gen g = new Gen(seed);
    int pad = g.between(0, 2);
    int h = g.between(1, 7);
    int w = g.between(1, 7);
    return new Conv2dShape(g.between(1, 2), g.between(1, 3), h, w, g.between(1, 3),
        g.between(1, Math.min(h + 2 * pad, 5)), g.between(1, Math.min(w + 2 * pad, 5)),
        g.between(1, 2), pad, Layout.values()[g.between(0, 1)]);
  }

  static String context(long seed, Conv2dShape s) {
    return "seed " + seed + ", " + s;
  }
}
