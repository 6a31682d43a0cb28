package dev.lanes.jmh.impl;

import dev.lanes.kernels.BatchNorm;
import dev.lanes.kernels.BatchNormParams;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.TensorShape;
import dev.lanes.reference.Shape;

/**
 * A Lanes batch-norm kernel ({@code scalar} or {@code panama}) on its own {@link KernelContext}. Backward
 * uses the saved statistics of a forward-training pass run once at construction, as a training step does.
 */
final class KernelBatchNorm implements BatchNormImpl {
  private final KernelContext ctx;
  private final BatchNorm bn;
  private final TensorShape shape;
  private final BatchNormParams params =
      BatchNormParams.keras().withEps(BatchNormProblem.EPS).withMomentum(BatchNormProblem.MOMENTUM);
  private final float[] x;
  private final float[] dy;
  private final float[] gamma;
  private final float[] beta;
  private final float[] mean;
  private final float[] var;
  private final float[] runningMean;
  private final float[] runningVar;
  private final double[] savedMean;
  private final double[] savedInvStd;
  private final float[] y;
  private final float[] dx;
  private final float[] dgamma;
  private final float[] dbeta;

  KernelBatchNorm(Implementation impl, BatchNormProblem p, int threads) {
    Shape s = p.shape();
    shape = new TensorShape(s.n(), s.c(), s.h(), s.w(), Layout.valueOf(s.layout().name()));
    ctx = new KernelContext(threads);
    bn = Kernels.batchNorm(ctx, impl);
    x = p.x();
    dy = p.dy();
    gamma = p.gamma();
    beta = p.beta();
    mean = p.mean();
    var = p.var();
    runningMean = mean.clone();
    runningVar = var.clone();
    savedMean = new double[s.c()];
    savedInvStd = new double[s.c()];
    y = new float[s.size()];
    dx = new float[s.size()];
    dgamma = new float[s.c()];
    dbeta = new float[s.c()];
    forwardTraining();
  }

  @Override
  public Object forwardTraining() {
    bn.forwardTraining(shape, x, 0, gamma, beta, runningMean, runningVar, params, y, 0, savedMean,
        savedInvStd);
    return y;
  }

  @Override
  public Object inference() {
    bn.inference(shape, x, 0, mean, var, gamma, beta, params, y, 0);
    return y;
  }

  @Override
  public Object backward() {
    bn.backward(shape, x, 0, dy, 0, gamma, beta, savedMean, savedInvStd, params, dx, 0, dgamma,
        dbeta);
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

  @Override
  public void close() {
    ctx.close();
  }
}
