package dev.lanes.lenet.model;

import java.util.ArrayList;
import java.util.List;

/** Dense (fully connected): y = x . W + b with W of shape (in, out), as Keras stores it. */
final class DenseLayer implements Layer {
  private final String name;
  private final Ops ops;
  private final int in;
  private final int outputs;
  private final Param kernel;
  private final Param bias;
  private final float[] out;
  private final float[] dIn;

  DenseLayer(String name, Ops ops, int capacity, int in, int outputs, boolean withBias) {
    this.name = name;
    this.ops = ops;
    this.in = in;
    this.outputs = outputs;
    this.kernel = new Param(name + "/kernel", new int[] {in, outputs}, true);
    this.bias = withBias ? new Param(name + "/bias", new int[] {outputs}, true) : null;
    this.out = new float[capacity * outputs];
    this.dIn = new float[capacity * in];
  }

  void initialize(Init init) {
    init.glorotUniform(kernel.value(), in, outputs);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "Dense";
  }

  @Override
  public int[] outputShape() {
    return new int[] {outputs};
  }

  @Override
  public List<Param> params() {
    List<Param> p = new ArrayList<>(List.of(kernel));
    if (bias != null) {
      p.add(bias);
    }
    return p;
  }

  @Override
  public float[] forward(int n, float[] x, boolean training) {
    ops.dense.forward(n, in, outputs, x, 0, kernel.value(), 0, bias == null ? null : bias.value(), 0,
        out, 0);
    return out;
  }

  @Override
  public float[] backward(int n, float[] x, float[] dOut, boolean needInputGrad) {
    ops.dense.backwardWeights(n, in, outputs, x, 0, dOut, 0, kernel.grad(), 0,
        bias == null ? null : bias.grad(), 0);
    if (!needInputGrad) {
      return null;
    }
    ops.dense.backwardData(n, in, outputs, dOut, 0, kernel.value(), 0, dIn, 0);
    return dIn;
  }
}
