package dev.lanes.kernels.batchnorm;

import dev.lanes.kernels.BatchNormParams;
import dev.lanes.kernels.TensorShape;
import dev.lanes.kernels.internal.Checks;

/** Argument validation of every batch-norm entry point, all of it before anything is written. */
final class BatchNormChecks {
  private BatchNormChecks() {}

  static void moments(TensorShape s, float[] x, int xOff, double[] mean, double[] var) {
    Checks.notNull("s", s, "a TensorShape");
    Checks.span("x", x, xOff, s.size());
    Checks.vector("mean", mean, s.c(), false);
    Checks.vector("var", var, s.c(), false);
    Checks.distinct("mean", mean, "var", var);
  }

  static void inference(TensorShape s, float[] x, int xOff, float[] mean, float[] var,
      float[] gamma, float[] beta, BatchNormParams p, float[] y, int yOff) {
    common(s, p, gamma, beta);
    statistics(s, mean, var);
    Checks.span("x", x, xOff, s.size());
    Checks.span("y", y, yOff, s.size());
    Checks.distinct("x", x, "y", y);
    apart("y", y, gamma, beta);
    Checks.distinct("y", y, "mean", mean);
    Checks.distinct("y", y, "var", var);
  }

  static void forwardTraining(TensorShape s, float[] x, int xOff, float[] gamma, float[] beta,
      float[] runningMean, float[] runningVar, BatchNormParams p, float[] y, int yOff,
      double[] savedMean, double[] savedInvStd) {
    common(s, p, gamma, beta);
    Checks.pair("runningMean", runningMean, "runningVar", runningVar);
    Checks.vector("runningMean", runningMean, s.c(), true);
    Checks.vector("runningVar", runningVar, s.c(), true);
    Checks.distinct("runningMean", runningMean, "runningVar", runningVar);
    Checks.pair("savedMean", savedMean, "savedInvStd", savedInvStd);
    Checks.vector("savedMean", savedMean, s.c(), true);
    Checks.vector("savedInvStd", savedInvStd, s.c(), true);
    Checks.distinct("savedMean", savedMean, "savedInvStd", savedInvStd);
    Checks.span("x", x, xOff, s.size());
    Checks.span("y", y, yOff, s.size());
    Checks.distinct("x", x, "y", y);
    apart("y", y, gamma, beta);
    Checks.distinct("y", y, "runningMean", runningMean);
    Checks.distinct("y", y, "runningVar", runningVar);
    apart("runningMean", runningMean, gamma, beta);
    apart("runningVar", runningVar, gamma, beta);
    Checks.distinct("runningMean", runningMean, "x", x);
    Checks.distinct("runningVar", runningVar, "x", x);
  }

  static void backward(TensorShape s, float[] x, int xOff, float[] dy, int dyOff,
      float[] gamma, float[] beta, double[] savedMean, double[] savedInvStd, BatchNormParams p,
      float[] dx, int dxOff, float[] dgamma, float[] dbeta) {
    common(s, p, gamma, beta);
    Checks.vector("savedMean", savedMean, s.c(), false);
    Checks.vector("savedInvStd", savedInvStd, s.c(), false);
    for (int c = 0; c < s.c(); c++) {
      if (!(savedInvStd[c] > 0) || Double.isInfinite(savedInvStd[c])) {
        throw new IllegalArgumentException(
            "savedInvStd[" + c + "]: expected finite > 0, actual " + savedInvStd[c]);
      }
    }
    gradients(s, x, xOff, dy, dyOff, dx, dxOff, dgamma, dbeta);
    parameters(dx, dgamma, dbeta, gamma, beta);
  }

  static void globalStatsBackward(TensorShape s, float[] x, int xOff, float[] dy, int dyOff,
      float[] mean, float[] var, float[] gamma, float[] beta, BatchNormParams p,
      float[] dx, int dxOff, float[] dgamma, float[] dbeta) {
    common(s, p, gamma, beta);
    statistics(s, mean, var);
    gradients(s, x, xOff, dy, dyOff, dx, dxOff, dgamma, dbeta);
    parameters(dx, dgamma, dbeta, gamma, beta);
    Checks.distinct("dx", dx, "mean", mean);
    Checks.distinct("dx", dx, "var", var);
    Checks.distinct("dgamma", dgamma, "mean", mean);
    Checks.distinct("dgamma", dgamma, "var", var);
    Checks.distinct("dbeta", dbeta, "mean", mean);
    Checks.distinct("dbeta", dbeta, "var", var);
  }

  /**
   * No output shares an array with gamma or beta (dx holds dz between the passes, so no input read
   * after the first pass may share its array either).
   */
  private static void parameters(float[] dx, float[] dgamma, float[] dbeta, float[] gamma,
      float[] beta) {
    apart("dx", dx, gamma, beta);
    apart("dgamma", dgamma, gamma, beta);
    apart("dbeta", dbeta, gamma, beta);
  }

  /**
   * An output is neither gamma nor beta: arrays of C values, which a tensor of one pixel per channel
   * (M = 1 in 2-D) or a per-channel output could be by mistake.
   */
  private static void apart(String name, float[] out, float[] gamma, float[] beta) {
    Checks.distinct(name, out, "gamma", gamma);
    Checks.distinct(name, out, "beta", beta);
  }

  private static void common(TensorShape s, BatchNormParams p, float[] gamma, float[] beta) {
    Checks.notNull("s", s, "a TensorShape");
    Checks.notNull("p", p, "BatchNormParams");
    Checks.vector("gamma", gamma, s.c(), true);
    Checks.vector("beta", beta, s.c(), true);
  }

  private static void statistics(TensorShape s, float[] mean, float[] var) {
    Checks.vector("mean", mean, s.c(), false);
    Checks.vector("var", var, s.c(), false);
    for (int c = 0; c < s.c(); c++) {
      if (!(var[c] >= 0) || Float.isInfinite(var[c])) {
        throw new IllegalArgumentException("var[" + c + "]: expected finite >= 0, actual " + var[c]);
      }
    }
  }

  private static void gradients(TensorShape s, float[] x, int xOff, float[] dy, int dyOff,
      float[] dx, int dxOff, float[] dgamma, float[] dbeta) {
    Checks.span("x", x, xOff, s.size());
    Checks.span("dy", dy, dyOff, s.size());
    Checks.span("dx", dx, dxOff, s.size());
    Checks.distinct("dx", dx, "x", x);
    Checks.distinct("dx", dx, "dy", dy);
    Checks.vector("dgamma", dgamma, s.c(), true);
    Checks.vector("dbeta", dbeta, s.c(), true);
    Checks.distinct("dgamma", dgamma, "dbeta", dbeta);
    Checks.distinct("dgamma", dgamma, "x", x);
    Checks.distinct("dgamma", dgamma, "dy", dy);
    Checks.distinct("dgamma", dgamma, "dx", dx);
    Checks.distinct("dbeta", dbeta, "x", x);
    Checks.distinct("dbeta", dbeta, "dy", dy);
    Checks.distinct("dbeta", dbeta, "dx", dx);
  }
}
