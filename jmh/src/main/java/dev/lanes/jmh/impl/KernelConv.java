package dev.lanes.jmh.impl;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Convolution;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Layout;
import dev.lanes.reference.conv.Conv2dShape;

/** A Lanes convolution kernel ({@code scalar} or {@code panama}) on its own {@link KernelContext}. */
final class KernelConv implements ConvImpl {
  private final KernelContext ctx;
  private final Convolution conv;
  private final ConvShape shape;
  private final float[] x;
  private final float[] w;
  private final float[] bias;
  private final float[] dy;
  private final float[] y;
  private final float[] dx;
  private final float[] dw;
  private final float[] dbias;

  KernelConv(Implementation impl, ConvProblem p, int threads) {
    Conv2dShape s = p.shape();
    shape = new ConvShape(s.n(), s.cin(), s.h(), s.w(), s.cout(), s.kh(), s.kw(), s.stride(),
        s.pad(), Layout.valueOf(s.layout().name()));
    ctx = new KernelContext(threads);
    conv = Kernels.convolution(ctx, impl);
    x = p.x();
    w = p.w();
    bias = p.bias();
    dy = p.dy();
    y = new float[shape.output().size()];
    dx = new float[shape.input().size()];
    dw = new float[shape.weightSize()];
    dbias = new float[shape.cout()];
  }

  @Override
  public Object forward() {
    conv.forward(shape, x, 0, w, 0, bias, 0, y, 0);
    return y;
  }

  @Override
  public Object backwardData() {
    conv.backwardData(shape, dy, 0, w, 0, dx, 0);
    return dx;
  }

  @Override
  public Object backwardWeights() {
    conv.backwardWeights(shape, x, 0, dy, 0, dw, 0, dbias, 0);
    return dw;
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
  public double dw(int i) {
    return dw[i];
  }

  @Override
  public double dbias(int o) {
    return dbias[o];
  }

  @Override
  public void close() {
    ctx.close();
  }
}
