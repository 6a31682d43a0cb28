package dev.lanes.reference.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.reference.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tiny convolutions worked out by hand; every expected array is a literal. */
class Conv2dKnownAnswerTest {
  private static final double[] X3 = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  /** One channel: both layouts store the same memory. */
  @ParameterizedTest
  @EnumSource(Layout.class)
  void twoByTwoKernelOnThreeByThree(Layout layout) {
    Conv2dShape s = new Conv2dShape(1, 1, 3, 3, 1, 2, 2, 1, 0, layout);
    double[] w = {1, 2, 3, 4};
    double[] y = new double[4];
    Conv2dReference.forward(s, X3, 0, w, new double[] {0.5}, y, 0);
    // y(0,0) = 1*1 + 2*2 + 4*3 + 5*4 = 37: no kernel flip.
    assertArrayEquals(new double[] {37.5, 47.5, 67.5, 77.5}, y, 0, layout + " y");

    double[] dy = {1, -1, 2, 0};
    double[] dx = new double[9];
    Conv2dReference.backwardData(s, dy, 0, w, dx, 0);
    assertArrayEquals(new double[] {1, 1, -2, 5, 5, -4, 6, 8, 0}, dx, 0, layout + " dx");

    double[] dw = new double[4];
    double[] dbias = new double[1];
    Conv2dReference.backwardWeights(s, X3, 0, dy, 0, dw, dbias);
    assertArrayEquals(new double[] {7, 9, 13, 15}, dw, 0, layout + " dw");
    assertArrayEquals(new double[] {2}, dbias, 0, layout + " dbias");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void strideTwoPadOne(Layout layout) {
    Conv2dShape s = new Conv2dShape(1, 1, 3, 3, 1, 3, 3, 2, 1, layout);
    double[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    double[] y = new double[4];
    Conv2dReference.forward(s, X3, 0, ones, null, y, 0);
    // Output (0,0) covers rows and columns -1..1: 1 + 2 + 4 + 5.
    assertArrayEquals(new double[] {12, 16, 24, 28}, y, 0, layout + " y");

    double[] dy = {1, 2, 3, 4};
    double[] dx = new double[9];
    Conv2dReference.backwardData(s, dy, 0, ones, dx, 0);
    // Row and column 1 are in both windows of their axis.
    assertArrayEquals(new double[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, dx, 0, layout + " dx");

    double[] dw = new double[9];
    double[] dbias = new double[1];
    Conv2dReference.backwardWeights(s, X3, 0, dy, 0, dw, dbias);
    assertArrayEquals(new double[] {20, 36, 15, 36, 64, 26, 10, 16, 5}, dw, 0, layout + " dw");
    assertArrayEquals(new double[] {10}, dbias, 0, layout + " dbias");
  }

  /** Two channels in, two out, 1x1 kernel on a 2x2 image: y(p, 0) = x(p, 0) + 10 x(p, 1); y(p, 1) = -x(p, 0). */
  @Test
  void oneByOneAcrossChannelsNhwc() {
    Conv2dShape s = new Conv2dShape(1, 2, 2, 2, 2, 1, 1, 1, 0, Layout.NHWC);
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] w = {1, 10, -1, 0};
    double[] y = new double[8];
    Conv2dReference.forward(s, x, 0, w, null, y, 0);
    assertArrayEquals(new double[] {21, -1, 43, -3, 65, -5, 87, -7}, y, 0, "y");

    double[] dy = {1, 2, 0, 1, -1, 0, 3, -2};
    double[] dx = new double[8];
    Conv2dReference.backwardData(s, dy, 0, w, dx, 0);
    assertArrayEquals(new double[] {-1, 10, -1, 0, -1, -10, 5, 30}, dx, 0, "dx");

    double[] dw = new double[4];
    double[] dbias = new double[2];
    Conv2dReference.backwardWeights(s, x, 0, dy, 0, dw, dbias);
    assertArrayEquals(new double[] {17, 20, -9, -8}, dw, 0, "dw");
    assertArrayEquals(new double[] {3, 1}, dbias, 0, "dbias");
  }

  /** The same tensors as {@link #oneByOneAcrossChannelsNhwc}, stored as channel planes. */
  @Test
  void oneByOneAcrossChannelsNchw() {
    Conv2dShape s = new Conv2dShape(1, 2, 2, 2, 2, 1, 1, 1, 0, Layout.NCHW);
    double[] x = {1, 3, 5, 7, 2, 4, 6, 8};
    double[] w = {1, 10, -1, 0};
    double[] y = new double[8];
    Conv2dReference.forward(s, x, 0, w, null, y, 0);
    assertArrayEquals(new double[] {21, 43, 65, 87, -1, -3, -5, -7}, y, 0, "y");

    double[] dy = {1, 0, -1, 3, 2, 1, 0, -2};
    double[] dx = new double[8];
    Conv2dReference.backwardData(s, dy, 0, w, dx, 0);
    assertArrayEquals(new double[] {-1, -1, -1, 5, 10, 0, -10, 30}, dx, 0, "dx");

    double[] dw = new double[4];
    double[] dbias = new double[2];
    Conv2dReference.backwardWeights(s, x, 0, dy, 0, dw, dbias);
    assertArrayEquals(new double[] {17, 20, -9, -8}, dw, 0, "dw");
    assertArrayEquals(new double[] {3, 1}, dbias, 0, "dbias");
  }
}
