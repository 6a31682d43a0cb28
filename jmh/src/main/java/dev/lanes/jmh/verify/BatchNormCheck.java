package dev.lanes.jmh.verify;

import dev.lanes.jmh.impl.BatchNormImpl;
import dev.lanes.jmh.impl.BatchNormProblem;
import dev.lanes.jmh.shapes.BatchNormOp;
import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;

/**
 * Checks a batch-norm implementation's last results against expectations computed here, in double, from
 * the problem's f32 inputs: DESIGN.md's formulas written again with this class's own indexing, so a bug
 * shared with the oracle's index math does not hide. Every element of y or dx is checked, and dgamma and
 * dbeta of every channel. Tolerances are relative to the magnitude of the terms, loose enough for f32
 * kernels and tight enough to catch a wrong index, a missed tail or a wrong statistic.
 */
public final class BatchNormCheck {
  private BatchNormCheck() {}

  /** Checks the results of {@code op}, which the caller has just run on impl; throws on a mismatch. */
  public static void check(BatchNormOp op, BatchNormProblem p, BatchNormImpl impl) {
    switch (op) {
      case FORWARD_TRAINING -> checkForward(p, impl, batchStatistics(p), op);
      case INFERENCE -> checkForward(p, impl, runningStatistics(p), op);
      case BACKWARD -> checkBackward(p, impl, batchStatistics(p));
    }
  }

  /** Per-channel mean and biased variance. */
  private record Statistics(double[] mean, double[] var) {}

  private static Statistics runningStatistics(BatchNormProblem p) {
    int c = p.shape().c();
    double[] mean = new double[c];
    double[] var = new double[c];
    for (int ch = 0; ch < c; ch++) {
      mean[ch] = p.mean()[ch];
      var[ch] = p.var()[ch];
    }
    return new Statistics(mean, var);
  }

  private static Statistics batchStatistics(BatchNormProblem p) {
    Shape s = p.shape();
    float[] x = p.x();
    double m = (double) s.n() * s.h() * s.w();
    double[] mean = new double[s.c()];
    double[] var = new double[s.c()];
    for (int i = 0; i < x.length; i++) {
      mean[channelOf(s, i)] += x[i];
    }
    for (int ch = 0; ch < s.c(); ch++) {
      mean[ch] /= m;
    }
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - mean[channelOf(s, i)];
      var[channelOf(s, i)] += d * d;
    }
    for (int ch = 0; ch < s.c(); ch++) {
      var[ch] /= m;
    }
    return new Statistics(mean, var);
  }

  private static void checkForward(BatchNormProblem p, BatchNormImpl impl, Statistics st, BatchNormOp op) {
    Shape s = p.shape();
    float[] x = p.x();
    for (int i = 0; i < x.length; i++) {
      int ch = channelOf(s, i);
      double scaled = p.gamma()[ch] * (x[i] - st.mean[ch]) / Math.sqrt(st.var[ch] + BatchNormProblem.EPS);
      double beta = p.beta()[ch];
      Mismatch.require(s + " " + op.label() + ": y[" + i + "]", scaled + beta, impl.y(i),
          1e-4 * (Math.abs(scaled) + Math.abs(beta)) + 1e-6);
    }
  }

  private static void checkBackward(BatchNormProblem p, BatchNormImpl impl, Statistics st) {
    Shape s = p.shape();
    float[] x = p.x();
    float[] dy = p.dy();
    int c = s.c();
    double m = (double) s.n() * s.h() * s.w();
    double[] invStd = new double[c];
    for (int ch = 0; ch < c; ch++) {
      invStd[ch] = 1 / Math.sqrt(st.var[ch] + BatchNormProblem.EPS);
    }
    double[] dbeta = new double[c];
    double[] dgamma = new double[c];
    double[] dbetaAbs = new double[c];
    double[] dgammaAbs = new double[c];
    for (int i = 0; i < x.length; i++) {
      int ch = channelOf(s, i);
      double xhat = (x[i] - st.mean[ch]) * invStd[ch];
      dbeta[ch] += dy[i];
      dgamma[ch] += dy[i] * xhat;
      dbetaAbs[ch] += Math.abs(dy[i]);
      dgammaAbs[ch] += Math.abs(dy[i] * xhat);
    }
    String where = s + " backward: ";
    for (int ch = 0; ch < c; ch++) {
      Mismatch.require(where + "dbeta[" + ch + "]", dbeta[ch], impl.dbeta(ch), 1e-4 * dbetaAbs[ch] + 1e-6);
      Mismatch.require(where + "dgamma[" + ch + "]", dgamma[ch], impl.dgamma(ch),
          1e-4 * dgammaAbs[ch] + 1e-6);
    }
    for (int i = 0; i < x.length; i++) {
      int ch = channelOf(s, i);
      double xhat = (x[i] - st.mean[ch]) * invStd[ch];
      double k = p.gamma()[ch] * invStd[ch] / m;
      double expected = k * (m * dy[i] - dbeta[ch] - xhat * dgamma[ch]);
      double magnitude = Math.abs(k) * (m * Math.abs(dy[i]) + dbetaAbs[ch] + Math.abs(xhat) * dgammaAbs[ch]);
      Mismatch.require(where + "dx[" + i + "]", expected, impl.dx(i), 1e-4 * magnitude + 1e-6);
    }
  }

  /** Channel of the element at memory offset i. */
  private static int channelOf(Shape s, int i) {
    return s.layout() == Layout.NHWC ? i % s.c() : i / (s.h() * s.w()) % s.c();
  }
}
