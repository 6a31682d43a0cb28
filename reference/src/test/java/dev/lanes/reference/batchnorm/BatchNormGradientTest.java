package dev.lanes.reference.batchnorm;

import dev.lanes.reference.Shape;
import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The backward passes against central differences of their forward passes, in double. */
class BatchNormGradientTest {
  private static final double STEP = 1e-6;
  private static final double RTOL = 1e-6;
  private static final double ATOL = 1e-7;

  private static final BatchNormConfig[] CONFIGS = {
      BatchNormConfig.keras(),
      BatchNormConfig.keras().withActivation(Activation.RELU),
      BatchNormConfig.keras().withActivation(Activation.SIGMOID),
      BatchNormConfig.pytorch(),
  };

  @ParameterizedTest(name = "seed {0}, {1}")
  @MethodSource("dev.lanes.reference.batchnorm.BatchNormCases#small")
  void trainingBackwardMatchesFiniteDifferences(long seed, Shape s) {
    for (BatchNormConfig cfg : CONFIGS) {
      for (boolean affine : new boolean[] {true, false}) {
        Gen gen = new Gen(seed);
        double[] x = gen.normal(s.size(), 0.5, 1.5);
        double[] r = gen.normal(s.size(), 0, 1);
        double[] gamma = affine ? gen.normal(s.c(), 1, 0.5) : null;
        double[] beta = affine ? gen.normal(s.c(), 0, 0.5) : null;
        double[] y = new double[s.size()];
        DoubleSupplier loss = () -> {
          BatchNormReference.forwardTraining(s, x, 0, gamma, beta, null, null, cfg, y, 0, null, null);
          return Grad.dot(y, r);
        };
        double[] dx = new double[s.size()];
        double[] dgamma = new double[s.c()];
        double[] dbeta = new double[s.c()];
        BatchNormReference.backward(s, x, 0, r, 0, gamma, beta, cfg, dx, 0, dgamma, dbeta);

        String ctx = "seed " + seed + ", " + s + ", " + cfg + ", affine " + affine;
        Grad.assertClose(ctx + ", dx", Grad.numeric(x, STEP, loss), dx, RTOL, ATOL);
        if (affine) {
          Grad.assertClose(ctx + ", dgamma", Grad.numeric(gamma, STEP, loss), dgamma, RTOL, ATOL);
          Grad.assertClose(ctx + ", dbeta", Grad.numeric(beta, STEP, loss), dbeta, RTOL, ATOL);
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}, {1}")
  @MethodSource("dev.lanes.reference.batchnorm.BatchNormCases#small")
  void globalStatsBackwardMatchesFiniteDifferences(long seed, Shape s) {
    for (BatchNormConfig cfg : CONFIGS) {
      Gen gen = new Gen(seed);
      double[] x = gen.normal(s.size(), 0.5, 1.5);
      double[] r = gen.normal(s.size(), 0, 1);
      double[] mean = gen.normal(s.c(), 0.5, 0.3);
      double[] var = gen.uniform(s.c(), 0.2, 3);
      double[] gamma = gen.normal(s.c(), 1, 0.5);
      double[] beta = gen.normal(s.c(), 0, 0.5);
      double[] y = new double[s.size()];
      DoubleSupplier loss = () -> {
        BatchNormReference.inference(s, x, 0, mean, var, gamma, beta, cfg, y, 0);
        return Grad.dot(y, r);
      };
      double[] dx = new double[s.size()];
      double[] dgamma = new double[s.c()];
      double[] dbeta = new double[s.c()];
      BatchNormReference.globalStatsBackward(
          s, x, 0, r, 0, mean, var, gamma, beta, cfg, dx, 0, dgamma, dbeta);

      String ctx = "seed " + seed + ", " + s + ", " + cfg;
      Grad.assertClose(ctx + ", dx", Grad.numeric(x, STEP, loss), dx, RTOL, ATOL);
      Grad.assertClose(ctx + ", dgamma", Grad.numeric(gamma, STEP, loss), dgamma, RTOL, ATOL);
      Grad.assertClose(ctx + ", dbeta", Grad.numeric(beta, STEP, loss), dbeta, RTOL, ATOL);
    }
  }
}
