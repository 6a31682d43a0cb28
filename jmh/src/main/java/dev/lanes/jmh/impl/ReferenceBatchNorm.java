package dev.lanes.jmh.impl;

import dev.lanes.reference.Shape;
import dev.lanes.reference.batchnorm.Activation;
import dev.lanes.reference.batchnorm.BatchNormConfig;
import dev.lanes.reference.batchnorm.BatchNormReference;
import dev.lanes.reference.batchnorm.Convention;

/** The scalar double-precision oracle, single-threaded: the baseline every kernel is measured against. */
final class ReferenceBatchNorm implements BatchNormImpl {
  private final Shape shape;
  private final BatchNormConfig cfg;
  private final double[] x;
  private final double[] dy;
  private final double[] gamma;
  private final double[] beta;
  private final double[] mean;
  private final double[] var;
  private final double[] runningMean;
  private final double[] runningVar;
  private final double[] savedMean;
  private final double[] savedInvStd;
  private final double[] y;
  private final double[] dx;
  private final double[] dgamma;
  private final double[] dbeta;

  ReferenceBatchNorm(BatchNormProblem p) {
    shape = p.shape();
    cfg = new BatchNormConfig(
        BatchNormProblem.EPS, BatchNormProblem.MOMENTUM, Convention.KERAS, Activation.NONE);
    x = Seeded.widen(p.x());
    dy = Seeded.widen(p.dy());
    gamma = Seeded.widen(p.gamma());
    beta = Seeded.widen(p.beta());
    mean = Seeded.widen(p.mean());
    var = Seeded.widen(p.var());
    runningMean = mean.clone();
    runningVar = var.clone();
    savedMean = new double[shape.c()];
    savedInvStd = new double[shape.c()];
    y = new double[shape.size()];
    dx = new double[shape.size()];
    dgamma = new double[shape.c()];
    dbeta = new double[shape.c()];
  }

  @Override
  public Object forwardTraining() {
    BatchNormReference.forwardTraining(shape, x, 0, gamma, beta, runningMean, runningVar, cfg, y, 0,
        savedMean, savedInvStd);
    return y;
  }

  @Override
  public Object inference() {
    BatchNormReference.inference(shape, x, 0, mean, var, gamma, beta, cfg, y, 0);
    return y;
  }

  @Override
  public Object backward() {
    BatchNormReference.backward(shape, x, 0, dy, 0, gamma, beta, cfg, dx, 0, dgamma, dbeta);
    return dx;
  }

  @Override
  public double y(int i) {
    return y[i];
  }

  @Override
  public double dx(int i) {
    return dx[i];
  }

  @Override
  public double dgamma(int c) {
    return dgamma[c];
  }

  @Override
  public double dbeta(int c) {
    return dbeta[c];
  }
}
