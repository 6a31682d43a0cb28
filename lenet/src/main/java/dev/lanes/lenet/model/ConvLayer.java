package dev.lanes.lenet.model;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Layout;
import java.util.ArrayList;
import java.util.List;

/** Conv2D, stride 1, no padding (as the chapter's LeNet); weights OIHW for NCHW, OHWI for NHWC. */
final class ConvLayer implements Layer {
  private final String name;
  private final Ops ops;
  private final Layout layout;
  private final int cin;
  private final int h;
  private final int w;
  private final int cout;
  private final int k;
  private final Param kernel;
  private final Param bias;
  private final float[] out;
  private final float[] dIn;
  private ConvShape shape;

  ConvLayer(String name, Ops ops, Layout layout, int capacity, int cin, int h, int w, int cout, int k,
      boolean withBias) {
    this.name = name;
    this.ops = ops;
    this.layout = layout;
    this.cin = cin;
    this.h = h;
    this.w = w;
    this.cout = cout;
    this.k = k;
    int[] kernelShape = layout == Layout.NCHW ? new int[] {cout, cin, k, k} : new int[] {cout, k, k, cin};
    this.kernel = new Param(name + "/kernel", kernelShape, true);
    this.bias = withBias ? new Param(name + "/bias", new int[] {cout}, true) : null;
    this.shape = shapeFor(capacity);
    this.out = new float[shape.output().size()];
    this.dIn = new float[shape.input().size()];
  }

  private ConvShape shapeFor(int n) {
    if (shape == null || shape.n() != n) {
      shape = new ConvShape(n, cin, h, w, cout, k, k, 1, 0, layout);
    }
    return shape;
  }

  /** Glorot-uniform kernel (Keras' default), zero bias. */
  void initialize(Init init) {
    init.glorotUniform(kernel.value(), cin * k * k, cout * k * k);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "Conv2D";
  }

  @Override
  public int[] outputShape() {
    return new int[] {cout, h - k + 1, w - k + 1};
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
  public float[] forward(int n, float[] in, boolean training) {
    ops.conv.forward(shapeFor(n), in, 0, kernel.value(), 0, bias == null ? null : bias.value(), 0,
        out, 0);
    return out;
  }

  @Override
  public float[] backward(int n, float[] in, float[] dOut, boolean needInputGrad) {
    ConvShape s = shapeFor(n);
    ops.conv.backwardWeights(s, in, 0, dOut, 0, kernel.grad(), 0, bias == null ? null : bias.grad(),
        0);
    if (!needInputGrad) {
      return null;
    }
    ops.conv.backwardData(s, dOut, 0, kernel.value(), 0, dIn, 0);
    return dIn;
  }
}
