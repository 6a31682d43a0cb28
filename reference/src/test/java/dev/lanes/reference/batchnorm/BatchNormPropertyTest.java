package dev.lanes.reference.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import dev.lanes.reference.support.Tensors;
import dev.lanes.reference.support.Transpose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every batch norm must have, over seeded shapes in both layouts. */
class BatchNormPropertyTest {

  @ParameterizedTest(name = "seed {0}, {1}")
  @MethodSource("dev.lanes.reference.batchnorm.BatchNormCases#medium")
  void layoutsAgreeAfterTransposition(long seed, Shape s) {
    Gen gen = new Gen(seed);
    double[] x = gen.normal(s.size(), 3, 2);
    double[] dy = gen.normal(s.size(), 0, 1);
    double[] gamma = gen.normal(s.c(), 1, 0.5);
    double[] beta = gen.normal(s.c(), 0, 0.5);
    BatchNormConfig cfg = BatchNormConfig.keras().withActivation(Activation.SIGMOID);
    Shape t = s.withLayout(s.layout() == Layout.NCHW ? Layout.NHWC : Layout.NCHW);
    double[] xt = Transpose.to(s, x, t.layout());
    double[] dyt = Transpose.to(s, dy, t.layout());

    double[] y = new double[s.size()];
    double[] yt = new double[s.size()];
    BatchNormReference.forwardTraining(s, x, 0, gamma, beta, null, null, cfg, y, 0, null, null);
    BatchNormReference.forwardTraining(t, xt, 0, gamma, beta, null, null, cfg, yt, 0, null, null);
    String ctx = "seed " + seed + ", " + s;
    Grad.assertClose(ctx + ", y", Transpose.to(s, y, t.layout()), yt, 0, 0);

    double[] dx = new double[s.size()];
    double[] dxt = new double[s.size()];
    double[] dgamma = new double[s.c()];
    double[] dgammat = new double[s.c()];
    BatchNormReference.backward(s, x, 0, dy, 0, gamma, beta, cfg, dx, 0, dgamma, null);
    BatchNormReference.backward(t, xt, 0, dyt, 0, gamma, beta, cfg, dxt, 0, dgammat, null);
    Grad.assertClose(ctx + ", dx", Transpose.to(s, dx, t.layout()), dxt, 0, 0);
    Grad.assertClose(ctx + ", dgamma", dgamma, dgammat, 0, 0);
  }

  @ParameterizedTest(name = "seed {0}, {1}")
  @MethodSource("dev.lanes.reference.batchnorm.BatchNormCases#medium")
  void outputHasZeroMeanAndShrunkVariance(long seed, Shape s) {
    Gen gen = new Gen(seed);
    double[] x = gen.normal(s.size(), -7, 0.3);
    BatchNormConfig cfg = BatchNormConfig.keras();
    double[] y = new double[s.size()];
    BatchNormReference.forwardTraining(s, x, 0, null, null, null, null, cfg, y, 0, null, null);

    double[] meanX = new double[s.c()];
    double[] varX = new double[s.c()];
    double[] meanY = new double[s.c()];
    double[] varY = new double[s.c()];
    BatchNormReference.moments(s, x, 0, meanX, varX);
    BatchNormReference.moments(s, y, 0, meanY, varY);
    for (int c = 0; c < s.c(); c++) {
      String ctx = "seed " + seed + ", " + s + ", channel " + c;
      assertEquals(0, meanY[c], 1e-12, ctx);
      assertEquals(varX[c] / (varX[c] + cfg.eps()), varY[c], 1e-12, ctx);
    }
  }

  @ParameterizedTest(name = "seed {0}, {1}")
  @MethodSource("dev.lanes.reference.batchnorm.BatchNormCases#medium")
  void constantChannelNormalizesToExactlyBeta(long seed, Shape s) {
    Gen gen = new Gen(seed);
    double[] x = gen.normal(s.size(), 0, 1);
    double[] constants = {0.1, -3.7e-5, 1e6 + 0.3};
    int[] constantChannels = new int[Math.min(3, s.c())];
    for (int k = 0; k < constantChannels.length; k++) {
      constantChannels[k] = k * (s.c() - 1) / Math.max(1, constantChannels.length - 1);
      fillChannel(s, x, constantChannels[k], constants[k]);
    }
    double[] gamma = gen.normal(s.c(), 1, 0.5);
    double[] beta = gen.normal(s.c(), 0, 0.5);
    double[] y = new double[s.size()];
    double[] var = new double[s.c()];
    BatchNormReference.forwardTraining(s, x, 0, gamma, beta, null, null,
        BatchNormConfig.pytorch(), y, 0, null, null);
    BatchNormReference.moments(s, x, 0, new double[s.c()], var);
    for (int c : constantChannels) {
      String ctx = "seed " + seed + ", " + s + ", channel " + c;
      assertEquals(0.0, var[c], ctx);
      for (int i : BatchNormReference.channel(s, c)) {
        assertEquals(beta[c], y[i], ctx);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}, {1}")
  @MethodSource("dev.lanes.reference.batchnorm.BatchNormCases#medium")
  void largeOffsetDoesNotChangeTheOutput(long seed, Shape s) {
    Gen gen = new Gen(seed);
    double[] x = gen.normal(s.size(), 0, 1);
    double[] shifted = new double[s.size()];
    for (int i = 0; i < x.length; i++) {
      shifted[i] = x[i] + 1e6;
    }
    double[] gamma = gen.normal(s.c(), 1, 0.5);
    double[] beta = gen.normal(s.c(), 0, 0.5);
    double[] y = new double[s.size()];
    double[] yShifted = new double[s.size()];
    BatchNormConfig cfg = BatchNormConfig.keras();
    BatchNormReference.forwardTraining(s, x, 0, gamma, beta, null, null, cfg, y, 0, null, null);
    BatchNormReference.forwardTraining(
        s, shifted, 0, gamma, beta, null, null, cfg, yShifted, 0, null, null);
    // Adding 1e6 in double rounds x by up to 1.2e-10; BN scales that by about 1 / std.
    Grad.assertClose("seed " + seed + ", " + s, y, yShifted, 0, 1e-8);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("dev.lanes.reference.batchnorm.BatchNormCases#small")
  void oneValuePerChannelGivesBeta(long seed, Shape ignored) {
    Shape s = new Shape(1, 5, 1, 1, ignored.layout());
    Gen gen = new Gen(seed);
    double[] x = gen.normal(s.size(), 0, 100);
    double[] beta = gen.normal(s.c(), 0, 1);
    double[] y = new double[s.size()];
    double[] runVar = Tensors.filled(s.c(), 1);
    double[] savedInvStd = new double[s.c()];
    for (BatchNormConfig cfg : new BatchNormConfig[] {BatchNormConfig.keras(), BatchNormConfig.pytorch()}) {
      BatchNormReference.forwardTraining(s, x, 0, gen.normal(s.c(), 1, 1), beta,
          new double[s.c()], runVar, cfg, y, 0, new double[s.c()], savedInvStd);
      String ctx = "seed " + seed + ", " + s + ", " + cfg.convention();
      Grad.assertClose(ctx, beta, y, 0, 0);
      Grad.assertFinite(ctx, runVar);
      assertEquals(1 / Math.sqrt(cfg.eps()), savedInvStd[0], 1e-9, ctx);
    }
  }

  private static void fillChannel(Shape s, double[] x, int c, double value) {
    for (int i : BatchNormReference.channel(s, c)) {
      x[i] = value;
    }
  }
}
