package dev.lanes.reference.batchnorm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.reference.Shape;
import org.junit.jupiter.api.Test;

/** Tiny cases worked out by hand. */
class BatchNormKnownAnswerTest {
  private static final double TOL = 1e-12;

  /** One channel holding 1, 2, 3, 4: mean 2.5, biased variance 1.25, unbiased 5/3. */
  private static final Shape FOUR = Shape.of2d(4, 1);
  private static final double[] X = {1, 2, 3, 4};

  @Test
  void momentsOfOneToFour() {
    double[] mean = new double[1];
    double[] var = new double[1];
    BatchNormReference.moments(FOUR, X, 0, mean, var);
    assertEquals(2.5, mean[0], TOL);
    assertEquals(1.25, var[0], TOL);
  }

  @Test
  void forwardTrainingWithKerasUpdate() {
    double[] y = new double[4];
    double[] runMean = {0};
    double[] runVar = {1};
    double[] savedMean = new double[1];
    double[] savedInvStd = new double[1];
    BatchNormReference.forwardTraining(FOUR, X, 0, new double[] {2}, new double[] {0.5},
        runMean, runVar, BatchNormConfig.keras(), y, 0, savedMean, savedInvStd);
    double s = Math.sqrt(1.25 + 1e-3);
    assertArrayEquals(new double[] {
        2 * -1.5 / s + 0.5, 2 * -0.5 / s + 0.5, 2 * 0.5 / s + 0.5, 2 * 1.5 / s + 0.5}, y, TOL);
    assertEquals(0.01 * 2.5, runMean[0], TOL);
    assertEquals(0.99 + 0.01 * 1.25, runVar[0], TOL);
    assertEquals(2.5, savedMean[0], TOL);
    assertEquals(1 / s, savedInvStd[0], TOL);
  }

  @Test
  void pytorchUpdateUsesUnbiasedVariance() {
    double[] runMean = {1};
    double[] runVar = {1};
    BatchNormReference.forwardTraining(FOUR, X, 0, null, null, runMean, runVar,
        BatchNormConfig.pytorch(), new double[4], 0, null, null);
    assertEquals(0.9 * 1 + 0.1 * 2.5, runMean[0], TOL);
    assertEquals(0.9 * 1 + 0.1 * 5.0 / 3.0, runVar[0], TOL);
  }

  @Test
  void inferenceWithReluAndSigmoid() {
    double[] mean = {2};
    double[] var = {4 - 1e-3};
    double[] relu = new double[4];
    double[] sigmoid = new double[4];
    BatchNormConfig cfg = BatchNormConfig.keras();
    BatchNormReference.inference(FOUR, X, 0, mean, var, null, null,
        cfg.withActivation(Activation.RELU), relu, 0);
    BatchNormReference.inference(FOUR, X, 0, mean, var, null, null,
        cfg.withActivation(Activation.SIGMOID), sigmoid, 0);
    // (x - 2) / sqrt(4) = -0.5, 0, 0.5, 1
    assertArrayEquals(new double[] {0, 0, 0.5, 1}, relu, TOL);
    double[] expected = new double[4];
    double[] z = {-0.5, 0, 0.5, 1};
    for (int i = 0; i < 4; i++) {
      expected[i] = 1 / (1 + Math.exp(-z[i]));
    }
    assertArrayEquals(expected, sigmoid, TOL);
  }

  /** x = (0, 2): mean 1, var 1, xhat = (-a, a) with a = 1 / sqrt(1 + eps); dy = (1, 0). */
  @Test
  void backwardOfTwoValues() {
    Shape two = Shape.of2d(2, 1);
    double eps = 1e-3;
    BatchNormConfig cfg = BatchNormConfig.keras().withEps(eps);
    double[] dx = new double[2];
    double[] dgamma = new double[1];
    double[] dbeta = new double[1];
    BatchNormReference.backward(two, new double[] {0, 2}, 0, new double[] {1, 0}, 0,
        null, null, cfg, dx, 0, dgamma, dbeta);
    double a = 1 / Math.sqrt(1 + eps);
    // dbeta = 1, dgamma = -a, dx = a / 2 * (2 * dy - 1 - xhat * (-a)) = a / 2 * (+-(1 - a^2))
    assertEquals(1, dbeta[0], TOL);
    assertEquals(-a, dgamma[0], TOL);
    assertArrayEquals(new double[] {a / 2 * (1 - a * a), -a / 2 * (1 - a * a)}, dx, TOL);
  }

  @Test
  void globalStatsBackwardScalesByGammaOverStd() {
    double[] dx = new double[4];
    double[] dgamma = new double[1];
    double[] dbeta = new double[1];
    BatchNormReference.globalStatsBackward(FOUR, X, 0, new double[] {1, 1, 1, 1}, 0,
        new double[] {2}, new double[] {4 - 1e-3}, new double[] {3}, null,
        BatchNormConfig.keras(), dx, 0, dgamma, dbeta);
    assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5}, dx, TOL);
    // xhat = -0.5, 0, 0.5, 1
    assertEquals(1, dgamma[0], TOL);
    assertEquals(4, dbeta[0], TOL);
  }

  @Test
  void nhwcReadsChannelsInterleaved() {
    // N = 1, C = 2, H = 1, W = 2 in NHWC: memory (w0 c0, w0 c1, w1 c0, w1 c1).
    Shape s = new Shape(1, 2, 1, 2, dev.lanes.reference.Layout.NHWC);
    double[] mean = new double[2];
    double[] var = new double[2];
    BatchNormReference.moments(s, new double[] {1, 10, 3, 30}, 0, mean, var);
    assertArrayEquals(new double[] {2, 20}, mean, TOL);
    assertArrayEquals(new double[] {1, 100}, var, TOL);
  }
}
