package dev.lanes.lenet.model;

import dev.lanes.kernels.BatchNormParams;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.TensorShape;
import java.util.Arrays;
import java.util.List;

/**
 * BatchNormalization over channels (4-D) or features (2-D). Training uses the batch statistics and
 * updates the moving ones, unless the model uses global statistics; inference always uses the moving
 * statistics.
 */
final class BatchNormLayer implements Layer {
  private final String name;
  private final Ops ops;
  private final Layout layout;
  private final int c;
  private final int h;
  private final int w;
  private final BatchNormParams p;
  private final boolean useGlobalStats;
  private final Param gamma;
  private final Param beta;
  private final Param movingMean;
  private final Param movingVar;
  private final double[] savedMean;
  private final double[] savedInvStd;
  private final float[] out;
  private final float[] dIn;
  private TensorShape shape;

  BatchNormLayer(String name, Ops ops, Layout layout, int capacity, int c, int h, int w,
      BatchNormParams p, boolean frozenGammaBeta, boolean useGlobalStats) {
    this.name = name;
    this.ops = ops;
    this.layout = layout;
    this.c = c;
    this.h = h;
    this.w = w;
    this.p = p;
    this.useGlobalStats = useGlobalStats;
    this.gamma = new Param(name + "/gamma", new int[] {c}, !frozenGammaBeta);
    this.beta = new Param(name + "/beta", new int[] {c}, !frozenGammaBeta);
    this.movingMean = new Param(name + "/moving_mean", new int[] {c}, false);
    this.movingVar = new Param(name + "/moving_variance", new int[] {c}, false);
    Arrays.fill(gamma.value(), 1f);
    Arrays.fill(movingVar.value(), 1f);
    this.savedMean = new double[c];
    this.savedInvStd = new double[c];
    this.out = new float[capacity * c * h * w];
    this.dIn = new float[capacity * c * h * w];
  }

  private TensorShape shapeFor(int n) {
    if (shape == null || shape.n() != n) {
      shape = h == 1 && w == 1 ? TensorShape.of2d(n, c) : new TensorShape(n, c, h, w, layout);
    }
    return shape;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "BatchNormalization";
  }

  @Override
  public int[] outputShape() {
    return h == 1 && w == 1 ? new int[] {c} : new int[] {c, h, w};
  }

  @Override
  public List<Param> params() {
    return List.of(gamma, beta, movingMean, movingVar);
  }

  @Override
  public float[] forward(int n, float[] in, boolean training) {
    TensorShape s = shapeFor(n);
    if (training && !useGlobalStats) {
      ops.bn.forwardTraining(s, in, 0, gamma.value(), beta.value(), movingMean.value(),
          movingVar.value(), p, out, 0, savedMean, savedInvStd);
    } else {
      ops.bn.inference(s, in, 0, movingMean.value(), movingVar.value(), gamma.value(), beta.value(),
          p, out, 0);
    }
    return out;
  }

  @Override
  public float[] backward(int n, float[] in, float[] dOut, boolean needInputGrad) {
    TensorShape s = shapeFor(n);
    if (useGlobalStats) {
      ops.bn.globalStatsBackward(s, in, 0, dOut, 0, movingMean.value(), movingVar.value(),
          gamma.value(), beta.value(), p, dIn, 0, gamma.grad(), beta.grad());
    } else {
      ops.bn.backward(s, in, 0, dOut, 0, gamma.value(), beta.value(), savedMean, savedInvStd, p, dIn,
          0, gamma.grad(), beta.grad());
    }
    return dIn;
  }
}
