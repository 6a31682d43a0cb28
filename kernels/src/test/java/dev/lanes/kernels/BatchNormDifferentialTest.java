package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.reference.Shape;
import dev.lanes.reference.batchnorm.BatchNormConfig;
import dev.lanes.reference.batchnorm.BatchNormReference;
import dev.lanes.reference.support.Gen;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every batch-norm operation of every implementation that can run in this JVM against the double oracle,
 * over edge shapes and hard numerics (see {@link BatchNormCase}). Bounds: statistics within 1e-5
 * (mean relative to the standard deviation, variance relative to itself); outputs and gradients within
 * a tolerance scaled by the magnitudes the formula combines, so that the bound follows the case's
 * condition instead of a fixed epsilon.
 */
class BatchNormDifferentialTest {
  private static final double STAT_TOL = 1e-5;
  private static final double OUT_TOL = 2e-5;
  private static final double GRAD_TOL = 1e-4;
  private static final BatchNormParams[] PARAMS = {
      BatchNormParams.keras(),
      BatchNormParams.keras().withActivation(Activation.RELU),
      BatchNormParams.pytorch().withActivation(Activation.SIGMOID),
  };
  private static final KernelContext CTX = new KernelContext(3);

  @AfterAll
  static void close() {
    CTX.close();
  }

  static Stream<Arguments> cases() {
    return Implementations.withEach(BatchNormCase.all());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void momentsMatchTheOracle(Implementation impl, BatchNormCase k) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    TensorShape s = k.shape();
    float[] x = k.x();
    double[] mean = new double[s.c()];
    double[] var = new double[s.c()];
    bn.moments(s, x, 0, mean, var);
    double[] refMean = new double[s.c()];
    double[] refVar = new double[s.c()];
    BatchNormReference.moments(k.oracleShape(), BatchNormCase.doubles(x), 0, refMean, refVar);
    checkStatistics(impl + " " + k + ", moments", mean, var, refMean, refVar);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void forwardTrainingMatchesTheOracle(Implementation impl, BatchNormCase k) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    TensorShape s = k.shape();
    Shape os = k.oracleShape();
    float[] x = k.x();
    double[] xd = BatchNormCase.doubles(x);
    float[] gamma = k.gamma();
    float[] beta = k.beta();
    double[] refMean = new double[s.c()];
    double[] refVar = new double[s.c()];
    BatchNormReference.moments(os, xd, 0, refMean, refVar);
    for (BatchNormParams p : PARAMS) {
      String ctx = impl + " " + k + ", " + p;
      float[] runMean = BatchNormCase.floats(new Gen(k.seed() + 3).normal(s.c(), 0, 1));
      float[] runVar = BatchNormCase.floats(new Gen(k.seed() + 4).uniform(s.c(), 0.5, 2));
      double[] refRunMean = BatchNormCase.doubles(runMean);
      double[] refRunVar = BatchNormCase.doubles(runVar);
      float[] y = new float[s.size()];
      double[] savedMean = new double[s.c()];
      double[] savedInvStd = new double[s.c()];
      bn.forwardTraining(s, x, 0, gamma, beta, runMean, runVar, p, y, 0, savedMean, savedInvStd);
      double[] refY = new double[s.size()];
      double[] refSavedMean = new double[s.c()];
      double[] refSavedInvStd = new double[s.c()];
      BatchNormReference.forwardTraining(os, xd, 0, BatchNormCase.doubles(gamma),
          BatchNormCase.doubles(beta), refRunMean, refRunVar, BatchNormCase.oracleConfig(p), refY, 0,
          refSavedMean, refSavedInvStd);

      checkStatistics(ctx + ", saved", savedMean, null, refSavedMean, refVar);
      for (int c = 0; c < s.c(); c++) {
        near(ctx + ", savedInvStd", c, savedInvStd[c], refSavedInvStd[c],
            STAT_TOL * refSavedInvStd[c]);
        double std = Math.sqrt(refVar[c]);
        if (Math.abs(refRunMean[c]) < Float.MAX_VALUE) {
          near(ctx + ", runningMean", c, runMean[c], refRunMean[c],
              2e-7 * Math.abs(refRunMean[c]) + STAT_TOL * std);
        }
        if (refRunVar[c] < Float.MAX_VALUE) {
          // the batch variance's own bound, with PyTorch's M / (M - 1) at most 2
          near(ctx + ", runningVar", c, runVar[c], refRunVar[c],
              2e-7 * refRunVar[c] + 2 * STAT_TOL * refVar[c] + 1e-30);
        }
      }
      checkOutput(ctx + ", y", k, xd, refSavedMean, refSavedInvStd, gamma, beta, y, refY);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void backwardMatchesTheOracle(Implementation impl, BatchNormCase k) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    TensorShape s = k.shape();
    float[] x = k.x();
    float[] dy = k.dy();
    float[] gamma = k.gamma();
    float[] beta = k.beta();
    for (BatchNormParams p : PARAMS) {
      String ctx = impl + " " + k + ", " + p;
      double[] savedMean = new double[s.c()];
      double[] savedInvStd = new double[s.c()];
      bn.forwardTraining(s, x, 0, gamma, beta, null, null, p, new float[s.size()], 0, savedMean,
          savedInvStd);
      float[] dx = new float[s.size()];
      float[] dgamma = new float[s.c()];
      float[] dbeta = new float[s.c()];
      bn.backward(s, x, 0, dy, 0, gamma, beta, savedMean, savedInvStd, p, dx, 0, dgamma, dbeta);

      double[] refDx = new double[s.size()];
      double[] refDgamma = new double[s.c()];
      double[] refDbeta = new double[s.c()];
      BatchNormConfig cfg = BatchNormCase.oracleConfig(p);
      BatchNormReference.backward(k.oracleShape(), BatchNormCase.doubles(x), 0,
          BatchNormCase.doubles(dy), 0, BatchNormCase.doubles(gamma), BatchNormCase.doubles(beta),
          cfg, refDx, 0, refDgamma, refDbeta);
      double[] refMean = new double[s.c()];
      double[] refVar = new double[s.c()];
      BatchNormReference.moments(k.oracleShape(), BatchNormCase.doubles(x), 0, refMean, refVar);
      double[] refInvStd = new double[s.c()];
      for (int c = 0; c < s.c(); c++) {
        refInvStd[c] = 1 / Math.sqrt(refVar[c] + p.eps());
      }
      checkGradients(ctx, k, p, true, x, dy, gamma, beta, refMean, refInvStd,
          dx, refDx, dgamma, refDgamma, dbeta, refDbeta);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void inferenceAndGlobalStatsMatchTheOracle(Implementation impl, BatchNormCase k) {
    if (!k.floatVariance()) {
      return; // such a variance (about 1e65) has no float to be given in.
    }
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    TensorShape s = k.shape();
    float[] x = k.x();
    double[] xd = BatchNormCase.doubles(x);
    float[] dy = k.dy();
    float[] gamma = k.gamma();
    float[] beta = k.beta();
    double[] batchMean = new double[s.c()];
    double[] batchVar = new double[s.c()];
    BatchNormReference.moments(k.oracleShape(), xd, 0, batchMean, batchVar);
    // Statistics near, not equal to, the batch's: as running statistics are.
    Gen gen = new Gen(k.seed() + 5);
    float[] mean = new float[s.c()];
    float[] var = new float[s.c()];
    for (int c = 0; c < s.c(); c++) {
      mean[c] = (float) (batchMean[c] + 0.1 * Math.sqrt(batchVar[c]) * gen.normal(1, 0, 1)[0]);
      var[c] = (float) (batchVar[c] * gen.uniform(1, 0.8, 1.2)[0]);
    }
    double[] meanD = BatchNormCase.doubles(mean);
    double[] varD = BatchNormCase.doubles(var);
    for (BatchNormParams p : PARAMS) {
      String ctx = impl + " " + k + ", " + p;
      BatchNormConfig cfg = BatchNormCase.oracleConfig(p);
      double[] invStd = new double[s.c()];
      for (int c = 0; c < s.c(); c++) {
        invStd[c] = 1 / Math.sqrt(varD[c] + p.eps());
      }
      float[] y = new float[s.size()];
      bn.inference(s, x, 0, mean, var, gamma, beta, p, y, 0);
      double[] refY = new double[s.size()];
      BatchNormReference.inference(k.oracleShape(), xd, 0, meanD, varD,
          BatchNormCase.doubles(gamma), BatchNormCase.doubles(beta), cfg, refY, 0);
      checkOutput(ctx + ", inference y", k, xd, meanD, invStd, gamma, beta, y, refY);

      float[] dx = new float[s.size()];
      float[] dgamma = new float[s.c()];
      float[] dbeta = new float[s.c()];
      bn.globalStatsBackward(s, x, 0, dy, 0, mean, var, gamma, beta, p, dx, 0, dgamma, dbeta);
      double[] refDx = new double[s.size()];
      double[] refDgamma = new double[s.c()];
      double[] refDbeta = new double[s.c()];
      BatchNormReference.globalStatsBackward(k.oracleShape(), xd, 0, BatchNormCase.doubles(dy), 0,
          meanD, varD, BatchNormCase.doubles(gamma), BatchNormCase.doubles(beta), cfg, refDx, 0,
          refDgamma, refDbeta);
      checkGradients(ctx + ", global stats", k, p, false, x, dy, gamma, beta, meanD, invStd,
          dx, refDx, dgamma, refDgamma, dbeta, refDbeta);

      // without dgamma and dbeta no sums are needed, yet with an activation dz still is
      float[] dxOnly = new float[s.size()];
      bn.globalStatsBackward(s, x, 0, dy, 0, mean, var, gamma, beta, p, dxOnly, 0, null, null);
      assertArrayEquals(dx, dxOnly, ctx + ", global stats without dgamma and dbeta: dx differs");
    }
  }

  /** Means within 1e-5 standard deviations, variances within 1e-5 of themselves; var may be null. */
  private static void checkStatistics(String ctx, double[] mean, double[] var, double[] refMean,
      double[] refVar) {
    for (int c = 0; c < mean.length; c++) {
      double std = Math.sqrt(refVar[c]);
      near(ctx + ", mean", c, mean[c], refMean[c], STAT_TOL * std + 1e-15 * Math.abs(refMean[c]));
      if (var != null) {
        near(ctx + ", var", c, var[c], refVar[c], STAT_TOL * refVar[c]);
      }
    }
  }

  /** y = act(gamma * xhat + beta): error bound from the float rounding of each term. */
  private static void checkOutput(String ctx, BatchNormCase k, double[] x, double[] mean,
      double[] invStd, float[] gamma, float[] beta, float[] y, double[] refY) {
    for (int c = 0; c < k.shape().c(); c++) {
      for (int i : k.channel(c)) {
        double xhat = (x[i] - mean[c]) * invStd[c];
        double tol = OUT_TOL * (Math.abs(gamma[c]) * (1 + Math.abs(xhat)) + Math.abs(beta[c]));
        near(ctx, i, y[i], refY[i], tol);
      }
    }
  }

  /**
   * dx, dgamma, dbeta. Tolerances follow the terms the backward formula adds: per element
   * |gamma| * invstd * (|dy| + mean|dy| + |xhat| * mean|dy * xhat|). Elements whose ReLU input lies within
   * rounding of 0 may take either side of the kink; their full contribution is added to the bounds.
   */
  private static void checkGradients(String ctx, BatchNormCase k, BatchNormParams p,
      boolean training, float[] x, float[] dy, float[] gamma, float[] beta, double[] mean,
      double[] invStd, float[] dx, double[] refDx, float[] dgamma, double[] refDgamma,
      float[] dbeta, double[] refDbeta) {
    for (int c = 0; c < k.shape().c(); c++) {
      int[] at = k.channel(c);
      int m = at.length;
      double sumDy = 0;
      double sumDyXhat = 0;
      double kinkDy = 0;
      double kinkDyXhat = 0;
      double[] xhat = new double[m];
      boolean[] kink = new boolean[m];
      for (int q = 0; q < m; q++) {
        int i = at[q];
        xhat[q] = (x[i] - mean[c]) * invStd[c];
        double z = gamma[c] * xhat[q] + beta[c];
        double zScale = Math.abs(gamma[c]) * (1 + Math.abs(xhat[q])) + Math.abs(beta[c]);
        kink[q] = p.activation() == Activation.RELU && Math.abs(z) <= 1e-5 * zScale;
        sumDy += Math.abs(dy[i]);
        sumDyXhat += Math.abs(dy[i] * xhat[q]);
        if (kink[q]) {
          kinkDy += Math.abs(dy[i]);
          kinkDyXhat += Math.abs(dy[i] * xhat[q]);
        }
      }
      double dbetaTol = GRAD_TOL * sumDy + kinkDy + 1e-30;
      double dgammaTol = GRAD_TOL * sumDyXhat + kinkDyXhat + 1e-30;
      near(ctx + ", dbeta", c, dbeta[c], refDbeta[c], dbetaTol);
      near(ctx + ", dgamma", c, dgamma[c], refDgamma[c], dgammaTol);
      double a = Math.abs(gamma[c]) * invStd[c];
      for (int q = 0; q < m; q++) {
        int i = at[q];
        double terms = Math.abs(dy[i]);
        double kinks = kink[q] ? Math.abs(dy[i]) : 0;
        if (training) {
          terms += (sumDy + Math.abs(xhat[q]) * sumDyXhat) / m;
          kinks += (kinkDy + Math.abs(xhat[q]) * kinkDyXhat) / m;
        }
        near(ctx + ", dx", i, dx[i], refDx[i], a * (GRAD_TOL * terms + kinks) + 1e-30);
      }
    }
  }

  private static void near(String ctx, int index, double actual, double expected, double tol) {
    if (!(Math.abs(actual - expected) <= tol) && !(actual == expected)) {
      fail(ctx + ": element " + index + " is " + actual + ", expected " + expected + " within "
          + tol);
    }
  }
}
