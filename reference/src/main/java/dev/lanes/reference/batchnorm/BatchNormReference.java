package dev.lanes.reference.batchnorm;

import dev.lanes.reference.Args;
import dev.lanes.reference.Shape;

/**
 * The batch-norm oracle: DESIGN.md's formulas line by line, in double, one channel at a time. For each
 * channel c the statistics run over its M = N * H * W values; the layout only decides where they are.
 *
 * <p>Forward: {@code xhat = (x - mean) / sqrt(var + eps)}, {@code y = act(gamma * xhat + beta)}, with
 * gamma = 1 and beta = 0 where they are null. Backward in training mode is the exact gradient of the
 * training forward (batch statistics depend on x); in global-statistics mode the statistics are constants.
 *
 * <p>Every method validates all its arguments before it writes anything; tensors are read and written
 * from their offsets, per-channel vectors have exactly C elements. Outputs must not alias inputs.
 */
public final class BatchNormReference {
  private BatchNormReference() {}

  /**
   * Per-channel mean and biased variance of x. Reads x; writes mean and var (length C).
   *
   * <p>Both are computed on data shifted by the channel's first value, so a constant channel has a mean
   * equal to that value and a variance of exactly 0, and a large offset does not cancel digits.
   */
  public static void moments(Shape s, double[] x, int xOff, double[] mean, double[] var) {
    Args.span("x", x, xOff, s.size());
    Args.vector("mean", mean, s.c(), false);
    Args.vector("var", var, s.c(), false);
    Args.distinct("mean", mean, "var", var);
    for (int c = 0; c < s.c(); c++) {
      int[] at = channel(s, c);
      mean[c] = mean(x, xOff, at);
      var[c] = variance(x, xOff, at, mean[c]);
    }
  }

  /**
   * Inference, and the forward pass of global-statistics (frozen) mode: normalizes with the given mean and
   * var (length C, var >= 0). Reads x, mean, var, gamma, beta; writes y.
   */
  public static void inference(Shape s, double[] x, int xOff, double[] mean, double[] var,
      double[] gamma, double[] beta, BatchNormConfig cfg, double[] y, int yOff) {
    checkConfig(cfg);
    checkStatistics(s, mean, var);
    checkAffine(s, gamma, beta);
    Args.span("x", x, xOff, s.size());
    Args.span("y", y, yOff, s.size());
    Args.distinct("x", x, "y", y);
    outputsApart(new String[] {"y"}, new double[][] {y},
        new String[] {"mean", "var", "gamma", "beta"}, new double[][] {mean, var, gamma, beta});
    for (int c = 0; c < s.c(); c++) {
      normalize(x, xOff, channel(s, c), mean[c], invStd(var[c], cfg.eps()),
          scale(gamma, c), shift(beta, c), cfg.activation(), y, yOff);
    }
  }

  /**
   * Forward training: normalizes each channel with its batch mean and biased variance, then updates the
   * running statistics per {@code cfg.convention()} and saves the batch mean and inverse standard
   * deviation for a backward pass. Reads x, gamma, beta; writes y; updates runningMean and runningVar
   * (both or neither may be null); writes savedMean and savedInvStd (both or neither may be null).
   * M = 1 gives var = 0 and y = act(beta).
   */
  public static void forwardTraining(Shape s, double[] x, int xOff, double[] gamma, double[] beta,
      double[] runningMean, double[] runningVar, BatchNormConfig cfg, double[] y, int yOff,
      double[] savedMean, double[] savedInvStd) {
    checkConfig(cfg);
    checkAffine(s, gamma, beta);
    checkPair(s, "runningMean", runningMean, "runningVar", runningVar);
    checkPair(s, "savedMean", savedMean, "savedInvStd", savedInvStd);
    Args.span("x", x, xOff, s.size());
    Args.span("y", y, yOff, s.size());
    Args.distinct("x", x, "y", y);
    outputsApart(new String[] {"y", "runningMean", "runningVar", "savedMean", "savedInvStd"},
        new double[][] {y, runningMean, runningVar, savedMean, savedInvStd},
        new String[] {"x", "gamma", "beta"}, new double[][] {x, gamma, beta});
    int m = s.perChannel();
    for (int c = 0; c < s.c(); c++) {
      int[] at = channel(s, c);
      double mean = mean(x, xOff, at);
      double var = variance(x, xOff, at, mean);
      double invStd = invStd(var, cfg.eps());
      normalize(x, xOff, at, mean, invStd, scale(gamma, c), shift(beta, c), cfg.activation(), y, yOff);
      if (runningMean != null) {
        updateRunning(cfg, runningMean, runningVar, c, mean, var, m);
      }
      if (savedMean != null) {
        savedMean[c] = mean;
        savedInvStd[c] = invStd;
      }
    }
  }

  /**
   * Backward of forward training: the exact gradient with respect to x, gamma and beta of the loss whose
   * gradient with respect to y is dy. Recomputes the batch statistics from x. Reads x, dy, gamma, beta
   * (beta matters only through the activation); writes dx, and dgamma and dbeta where not null.
   *
   * <p>With dz = dy * act'(gamma * xhat + beta) (for the ReLU a select: dy where that is positive,
   * else 0): {@code dbeta = sum(dz)}, {@code dgamma = sum(dz * xhat)},
   * {@code dx = gamma * invstd / M * (M * dz - dbeta - xhat * dgamma)}.
   */
  public static void backward(Shape s, double[] x, int xOff, double[] dy, int dyOff,
      double[] gamma, double[] beta, BatchNormConfig cfg, double[] dx, int dxOff,
      double[] dgamma, double[] dbeta) {
    checkConfig(cfg);
    checkAffine(s, gamma, beta);
    checkGradients(s, x, xOff, dy, dyOff, dx, dxOff, dgamma, dbeta);
    Args.distinct("dx", dx, "gamma", gamma);
    Args.distinct("dx", dx, "beta", beta);
    outputsApart(new String[] {"dx", "dgamma", "dbeta"}, new double[][] {dx, dgamma, dbeta},
        new String[] {"x", "dy", "gamma", "beta"}, new double[][] {x, dy, gamma, beta});
    for (int c = 0; c < s.c(); c++) {
      int[] at = channel(s, c);
      double mean = mean(x, xOff, at);
      double invStd = invStd(variance(x, xOff, at, mean), cfg.eps());
      ChannelGradient g = channelGradient(x, xOff, dy, dyOff, at, mean, invStd, gamma, beta, c, cfg);
      double m = at.length;
      for (int k = 0; k < at.length; k++) {
        dx[dxOff + at[k]] = scale(gamma, c) * invStd / m
            * (m * g.dz[k] - g.dbeta - g.xhat[k] * g.dgamma);
      }
      store(dgamma, dbeta, c, g);
    }
  }

  /**
   * Backward of global-statistics (frozen) mode, whose forward is {@link #inference}: mean and var are
   * constants, so {@code dx = dz * gamma * invstd}; dgamma and dbeta as in {@link #backward}. Reads x, dy,
   * mean, var, gamma, beta; writes dx, and dgamma and dbeta where not null.
   */
  public static void globalStatsBackward(Shape s, double[] x, int xOff, double[] dy, int dyOff,
      double[] mean, double[] var, double[] gamma, double[] beta, BatchNormConfig cfg,
      double[] dx, int dxOff, double[] dgamma, double[] dbeta) {
    checkConfig(cfg);
    checkStatistics(s, mean, var);
    checkAffine(s, gamma, beta);
    checkGradients(s, x, xOff, dy, dyOff, dx, dxOff, dgamma, dbeta);
    Args.distinct("dx", dx, "gamma", gamma);
    Args.distinct("dx", dx, "beta", beta);
    Args.distinct("dx", dx, "mean", mean);
    Args.distinct("dx", dx, "var", var);
    outputsApart(new String[] {"dx", "dgamma", "dbeta"}, new double[][] {dx, dgamma, dbeta},
        new String[] {"x", "dy", "mean", "var", "gamma", "beta"},
        new double[][] {x, dy, mean, var, gamma, beta});
    for (int c = 0; c < s.c(); c++) {
      int[] at = channel(s, c);
      double invStd = invStd(var[c], cfg.eps());
      ChannelGradient g = channelGradient(x, xOff, dy, dyOff, at, mean[c], invStd, gamma, beta, c, cfg);
      for (int k = 0; k < at.length; k++) {
        dx[dxOff + at[k]] = g.dz[k] * scale(gamma, c) * invStd;
      }
      store(dgamma, dbeta, c, g);
    }
  }

  /** Offsets of channel c's M values, in (n, h, w) order. */
  static int[] channel(Shape s, int c) {
    int[] at = new int[s.perChannel()];
    int k = 0;
    for (int n = 0; n < s.n(); n++) {
      for (int h = 0; h < s.h(); h++) {
        for (int w = 0; w < s.w(); w++) {
          at[k++] = s.index(n, c, h, w);
        }
      }
    }
    return at;
  }

  private static double mean(double[] x, int xOff, int[] at) {
    double first = x[xOff + at[0]];
    double sum = 0;
    for (int i : at) {
      sum += x[xOff + i] - first;
    }
    return first + sum / at.length;
  }

  private static double variance(double[] x, int xOff, int[] at, double mean) {
    double sum = 0;
    for (int i : at) {
      double d = x[xOff + i] - mean;
      sum += d * d;
    }
    return sum / at.length;
  }

  private static double invStd(double var, double eps) {
    return 1 / Math.sqrt(var + eps);
  }

  private static void normalize(double[] x, int xOff, int[] at, double mean, double invStd,
      double gamma, double beta, Activation act, double[] y, int yOff) {
    for (int i : at) {
      double xhat = (x[xOff + i] - mean) * invStd;
      y[yOff + i] = act.apply(gamma * xhat + beta);
    }
  }

  private static void updateRunning(BatchNormConfig cfg, double[] runningMean, double[] runningVar,
      int c, double mean, double var, int m) {
    double mom = cfg.momentum();
    switch (cfg.convention()) {
      case KERAS -> {
        runningMean[c] = mom * runningMean[c] + (1 - mom) * mean;
        runningVar[c] = mom * runningVar[c] + (1 - mom) * var;
      }
      case PYTORCH -> {
        double unbiased = m > 1 ? var * m / (m - 1) : var;
        runningMean[c] = (1 - mom) * runningMean[c] + mom * mean;
        runningVar[c] = (1 - mom) * runningVar[c] + mom * unbiased;
      }
    }
  }

  /** One channel's xhat, dz = dy * act'(z), and the two sums every backward needs. */
  private record ChannelGradient(double[] xhat, double[] dz, double dgamma, double dbeta) {}

  private static ChannelGradient channelGradient(double[] x, int xOff, double[] dy, int dyOff,
      int[] at, double mean, double invStd, double[] gamma, double[] beta, int c,
      BatchNormConfig cfg) {
    double[] xhat = new double[at.length];
    double[] dz = new double[at.length];
    double sumDz = 0;
    double sumDzXhat = 0;
    for (int k = 0; k < at.length; k++) {
      xhat[k] = (x[xOff + at[k]] - mean) * invStd;
      double z = scale(gamma, c) * xhat[k] + shift(beta, c);
      dz[k] = cfg.activation().gradient(z, dy[dyOff + at[k]]);
      sumDz += dz[k];
      sumDzXhat += dz[k] * xhat[k];
    }
    return new ChannelGradient(xhat, dz, sumDzXhat, sumDz);
  }

  private static void store(double[] dgamma, double[] dbeta, int c, ChannelGradient g) {
    if (dgamma != null) {
      dgamma[c] = g.dgamma;
    }
    if (dbeta != null) {
      dbeta[c] = g.dbeta;
    }
  }

  private static double scale(double[] gamma, int c) {
    return gamma == null ? 1 : gamma[c];
  }

  private static double shift(double[] beta, int c) {
    return beta == null ? 0 : beta[c];
  }

  private static void checkConfig(BatchNormConfig cfg) {
    if (cfg == null) {
      throw new IllegalArgumentException("cfg: expected a BatchNormConfig, actual null");
    }
  }

  private static void checkAffine(Shape s, double[] gamma, double[] beta) {
    Args.vector("gamma", gamma, s.c(), true);
    Args.vector("beta", beta, s.c(), true);
  }

  private static void checkStatistics(Shape s, double[] mean, double[] var) {
    Args.vector("mean", mean, s.c(), false);
    Args.vector("var", var, s.c(), false);
    for (int c = 0; c < s.c(); c++) {
      if (!(var[c] >= 0) || Double.isInfinite(var[c])) {
        throw new IllegalArgumentException("var[" + c + "]: expected finite >= 0, actual " + var[c]);
      }
    }
  }

  private static void checkPair(Shape s, String nameA, double[] a, String nameB, double[] b) {
    if ((a == null) != (b == null)) {
      throw new IllegalArgumentException(nameA + " and " + nameB + ": expected both or neither, actual "
          + (a == null ? "only " + nameB : "only " + nameA));
    }
    Args.vector(nameA, a, s.c(), true);
    Args.vector(nameB, b, s.c(), true);
    Args.distinct(nameA, a, nameB, b);
  }

  /**
   * Outputs must not alias inputs: no output array is an input array or another output (null ones
   * aside).
   */
  private static void outputsApart(String[] outNames, double[][] outs, String[] inNames,
      double[][] ins) {
    for (int i = 0; i < outs.length; i++) {
      for (int j = 0; j < ins.length; j++) {
        Args.distinct(outNames[i], outs[i], inNames[j], ins[j]);
      }
      for (int j = i + 1; j < outs.length; j++) {
        Args.distinct(outNames[i], outs[i], outNames[j], outs[j]);
      }
    }
  }

  private static void checkGradients(Shape s, double[] x, int xOff, double[] dy, int dyOff,
      double[] dx, int dxOff, double[] dgamma, double[] dbeta) {
    Args.span("x", x, xOff, s.size());
    Args.span("dy", dy, dyOff, s.size());
    Args.span("dx", dx, dxOff, s.size());
    Args.distinct("dx", dx, "x", x);
    Args.distinct("dx", dx, "dy", dy);
    Args.vector("dgamma", dgamma, s.c(), true);
    Args.vector("dbeta", dbeta, s.c(), true);
    Args.distinct("dgamma", dgamma, "dbeta", dbeta);
  }
}
