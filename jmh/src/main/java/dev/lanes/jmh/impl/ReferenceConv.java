package dev.lanes.jmh.impl;

import dev.lanes.reference.conv.Conv2dReference;
import dev.lanes.reference.conv.Conv2dShape;

/** The scalar double-precision oracle, single-threaded: the baseline every kernel is measured against. */
final class ReferenceConv implements ConvImpl {
  private final Conv2dShape shape;
  private final double[] x;
  private final double[] w;
  private final double[] bias;
  private final double[] dy;
  private final double[] y;
  private final double[] dx;
  private final double[] dw;
  private final double[] dbias;

  ReferenceConv(ConvProblem p) {
    shape = p.shape();
    x = Seeded.widen(p.x());
    w = Seeded.widen(p.w());
    bias = Seeded.widen(p.bias());
    dy = Seeded.widen(p.dy());
    y = new double[shape.output().size()];
    dx = new double[shape.input().size()];
    dw = new double[shape.weightSize()];
    dbias = new double[shape.cout()];
  }

  @Override
  public Object forward() {
    Conv2dReference.forward(shape, x, 0, w, bias, y, 0);
    return y;
  }

  @Override
  public Object backwardData() {
    Conv2dReference.backwardData(shape, dy, 0, w, dx, 0);
    return dx;
  }

  @Override
  public Object backwardWeights() {
    Conv2dReference.backwardWeights(shape, x, 0, dy, 0, dw, dbias);
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
}
