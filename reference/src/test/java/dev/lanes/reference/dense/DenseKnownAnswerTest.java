package dev.lanes.reference.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** A 2x3 input through a 3x2 kernel, worked out by hand; every expected array is a literal. */
class DenseKnownAnswerTest {
  private static final double[] X = {1, 2, 3, 4, 5, 6};
  /** W (in 3, out 2), row-major: column 0 adds x0 and x2, column 1 is x1 - x2. */
  private static final double[] W = {1, 0, 0, 1, 1, -1};
  private static final double[] DY = {1, 2, 3, -1};

  @Test
  void forwardWithAndWithoutBias() {
    double[] y = new double[4];
    DenseReference.forward(2, 3, 2, X, 0, W, new double[] {0.5, -1}, y, 0);
    assertArrayEquals(new double[] {4.5, -2, 10.5, -2}, y, 0, "with bias");
    DenseReference.forward(2, 3, 2, X, 0, W, null, y, 0);
    assertArrayEquals(new double[] {4, -1, 10, -1}, y, 0, "without bias");
  }

  @Test
  void backward() {
    double[] dx = new double[6];
    double[] dw = new double[6];
    double[] dbias = new double[2];
    DenseReference.backward(2, 3, 2, X, 0, W, DY, 0, dx, 0, dw, dbias);
    assertArrayEquals(new double[] {1, 2, -1, 3, -1, 4}, dx, 0, "dx");
    assertArrayEquals(new double[] {13, -2, 17, -1, 21, 0}, dw, 0, "dw");
    assertArrayEquals(new double[] {4, 1}, dbias, 0, "dbias");
  }

  /** A first layer needs neither dx nor, without bias, dbias. */
  @Test
  void backwardWithoutDxAndDbias() {
    double[] dw = new double[6];
    DenseReference.backward(2, 3, 2, X, 0, W, DY, 0, null, 0, dw, null);
    assertArrayEquals(new double[] {13, -2, 17, -1, 21, 0}, dw, 0, "dw");
  }
}
