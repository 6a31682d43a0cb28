package dev.lanes.reference.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Transpose's written-out formulas against {@code Shape.index}: two independent index computations. */
class TransposeTest {
  /** Distinct extents, so that a swapped pair of axes shows. */
  private static final Shape S = new Shape(2, 3, 4, 5, Layout.NCHW);

  @ParameterizedTest
  @EnumSource(Layout.class)
  void toOtherLayoutMovesEveryElementWhereShapeIndexSaysSo(Layout from) {
    Shape s = S.withLayout(from);
    Shape t = s.withLayout(from == Layout.NCHW ? Layout.NHWC : Layout.NCHW);
    double[] x = new Gen(5).normal(s.size(), 0, 1);
    double[] moved = Transpose.to(s, x, t.layout());
    for (int n = 0; n < s.n(); n++) {
      for (int c = 0; c < s.c(); c++) {
        for (int h = 0; h < s.h(); h++) {
          for (int w = 0; w < s.w(); w++) {
            assertEquals(x[s.index(n, c, h, w)], moved[t.index(n, c, h, w)],
                from + " (" + n + ", " + c + ", " + h + ", " + w + ")");
          }
        }
      }
    }
    assertArrayEquals(x, Transpose.to(t, moved, from), from + " round trip");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void toTheSameLayoutCopies(Layout layout) {
    Shape s = S.withLayout(layout);
    double[] x = new Gen(6).normal(s.size(), 0, 1);
    double[] copy = Transpose.to(s, x, layout);
    assertNotSame(x, copy);
    assertArrayEquals(x, copy);
  }

  @Test
  void weightsMoveLikeActivationsWithTheOutputChannelAsTheBatch() {
    double[] w = new Gen(7).normal(S.size(), 0, 1);
    assertArrayEquals(Transpose.nchwToNhwc(2, 3, 4, 5, w), Transpose.oihwToOhwi(2, 3, 4, 5, w));
    assertArrayEquals(w, Transpose.ohwiToOihw(2, 3, 4, 5, Transpose.oihwToOhwi(2, 3, 4, 5, w)));
  }

  @Test
  void rejectsAnArrayOfAnotherSize() {
    assertThrows(IllegalArgumentException.class, () -> Transpose.to(S, new double[S.size() - 1], Layout.NHWC));
  }
}
