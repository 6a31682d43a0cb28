package dev.lanes.reference.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tiny poolings worked out by hand; every expected array is a literal. One channel: both layouts agree. */
class MaxPoolKnownAnswerTest {
  private static final double[] X4 = {
    1, 3, 2, 0,
    4, 2, 8, 1,
    0, 5, 7, 7,
    6, 1, 7, 3,
  };
  private static final double[] DY = {1, 2, 3, 4};

  @Test
  void extentsFloorWithoutPadding() {
    Pool2dShape s = new Pool2dShape(new Shape(2, 3, 7, 5, Layout.NHWC), 3, 2);
    assertEquals(3, s.outH());
    assertEquals(2, s.outW());
    assertEquals(new Shape(2, 3, 3, 2, Layout.NHWC), s.output());
  }

  /** Window (1, 1) holds 7, 7, 7, 3: the tie goes to the first 7 in (row, column) order. */
  @ParameterizedTest
  @EnumSource(Layout.class)
  void kernelTwoStrideTwo(Layout layout) {
    Pool2dShape s = new Pool2dShape(new Shape(1, 1, 4, 4, layout), 2, 2);
    double[] y = new double[4];
    MaxPoolReference.forward(s, X4, 0, y, 0);
    assertArrayEquals(new double[] {4, 8, 6, 7}, y, 0, layout + " y");
    double[] dx = new double[16];
    MaxPoolReference.backward(s, X4, 0, DY, 0, dx, 0);
    assertArrayEquals(new double[] {
      0, 0, 0, 0,
      1, 0, 2, 0,
      0, 0, 4, 0,
      3, 0, 0, 0,
    }, dx, 0, layout + " dx");
  }

  /** The 8 at (1, 2) is the maximum of all four overlapping windows, so it collects all of dy. */
  @ParameterizedTest
  @EnumSource(Layout.class)
  void kernelThreeStrideOneAccumulates(Layout layout) {
    Pool2dShape s = new Pool2dShape(new Shape(1, 1, 4, 4, layout), 3, 1);
    double[] y = new double[4];
    MaxPoolReference.forward(s, X4, 0, y, 0);
    assertArrayEquals(new double[] {8, 8, 8, 8}, y, 0, layout + " y");
    double[] dx = new double[16];
    MaxPoolReference.backward(s, X4, 0, DY, 0, dx, 0);
    assertArrayEquals(new double[] {
      0, 0, 0, 0,
      0, 0, 10, 0,
      0, 0, 0, 0,
      0, 0, 0, 0,
    }, dx, 0, layout + " dx");
  }

  /** Kernel 3 stride 2 on 5x5: the four windows share the centre, which holds the maximum. */
  @ParameterizedTest
  @EnumSource(Layout.class)
  void kernelThreeStrideTwoOverlaps(Layout layout) {
    Pool2dShape s = new Pool2dShape(new Shape(1, 1, 5, 5, layout), 3, 2);
    double[] x = {
      -1, -1, -1, -1, -1,
      -1, -1, -1, -1, -1,
      -1, -1, 9, -1, -1,
      -1, -1, -1, -1, -1,
      -1, -1, -1, -1, -1,
    };
    double[] y = new double[4];
    MaxPoolReference.forward(s, x, 0, y, 0);
    assertArrayEquals(new double[] {9, 9, 9, 9}, y, 0, layout + " y");
    double[] dx = new double[25];
    MaxPoolReference.backward(s, x, 0, DY, 0, dx, 0);
    assertArrayEquals(new double[] {
      0, 0, 0, 0, 0,
      0, 0, 0, 0, 0,
      0, 0, 10, 0, 0,
      0, 0, 0, 0, 0,
      0, 0, 0, 0, 0,
    }, dx, 0, layout + " dx");
  }

  /** Two channels, channels innermost: channel 0 holds 1, 3, 4, 2 and channel 1 holds 5, 2, 0, 6. */
  @Test
  void twoChannelsNhwc() {
    Pool2dShape s = new Pool2dShape(new Shape(1, 2, 2, 2, Layout.NHWC), 2, 2);
    double[] x = {1, 5, 3, 2, 4, 0, 2, 6};
    double[] y = new double[2];
    MaxPoolReference.forward(s, x, 0, y, 0);
    assertArrayEquals(new double[] {4, 6}, y, 0, "y");
    double[] dx = new double[8];
    MaxPoolReference.backward(s, x, 0, new double[] {10, 20}, 0, dx, 0);
    assertArrayEquals(new double[] {0, 0, 0, 0, 10, 0, 0, 20}, dx, 0, "dx");
  }

  @Test
  void equalValuesSendTheGradientToTheFirst() {
    Pool2dShape s = new Pool2dShape(new Shape(1, 1, 2, 2, Layout.NCHW), 2, 2);
    double[] dx = new double[4];
    MaxPoolReference.backward(s, new double[] {7, 7, 7, 7}, 0, new double[] {5}, 0, dx, 0);
    assertArrayEquals(new double[] {5, 0, 0, 0}, dx, 0);
  }

  @Test
  void nanIsTheMaximumAndTheFirstNanGetsTheGradient() {
    Pool2dShape s = new Pool2dShape(new Shape(1, 1, 2, 2, Layout.NCHW), 2, 2);
    double[] x = {1, Double.NaN, 3, Double.NaN};
    double[] y = new double[1];
    MaxPoolReference.forward(s, x, 0, y, 0);
    assertArrayEquals(new double[] {Double.NaN}, y, 0, "y");
    double[] dx = new double[4];
    MaxPoolReference.backward(s, x, 0, new double[] {5}, 0, dx, 0);
    assertArrayEquals(new double[] {0, 5, 0, 0}, dx, 0, "dx");
  }
}
