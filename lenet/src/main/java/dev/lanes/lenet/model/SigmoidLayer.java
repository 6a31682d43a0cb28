package dev.lanes.lenet.model;

import java.util.List;

/**
 * Activation('sigmoid'); its backward uses the saved output, y * (1 - y). Directly before a max-pool it
 * is {@link #deferToPool deferred}: it passes values through and the pool applies it to the pooled
 * values (the sigmoid is increasing, so the maximum of sigmoids is the sigmoid of the maximum), which
 * computes a quarter of the exponentials.
 */
final class SigmoidLayer implements Layer {
  private final String name;
  private final Ops ops;
  private final int[] shape;
  private final int size;
  private float[] out;
  private float[] dIn;
  private boolean deferred;

  SigmoidLayer(String name, Ops ops, int capacity, int[] shape) {
    this.name = name;
    this.ops = ops;
    this.shape = shape.clone();
    int s = 1;
    for (int d : shape) {
      s *= d;
    }
    this.size = s;
    this.out = new float[capacity * s];
    this.dIn = new float[capacity * s];
  }

  /** From now on, passes values and gradients through: the max-pool after it applies the sigmoid. */
  void deferToPool() {
    deferred = true;
    out = null;
    dIn = null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "Activation";
  }

  @Override
  public int[] outputShape() {
    return shape.clone();
  }

  @Override
  public List<Param> params() {
    return List.of();
  }

  @Override
  public float[] forward(int n, float[] in, boolean training) {
    if (deferred) {
      return in;
    }
    ops.act.sigmoidForward(in, 0, out, 0, n * size);
    return out;
  }

  @Override
  public float[] backward(int n, float[] in, float[] dOut, boolean needInputGrad) {
    if (deferred) {
      return dOut;
    }
    ops.act.sigmoidBackward(out, 0, dOut, 0, dIn, 0, n * size);
    return dIn;
  }
}
