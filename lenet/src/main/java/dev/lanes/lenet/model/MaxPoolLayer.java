package dev.lanes.lenet.model;

import dev.lanes.kernels.Layout;
import dev.lanes.kernels.PoolShape;
import dev.lanes.kernels.TensorShape;
import java.util.List;

/**
 * MaxPooling2D 2x2, stride 2; training saves each window's argmax for the backward pass. With
 * {@code sigmoidAfter} it also applies the sigmoid that the layer before deferred to it, to the pooled
 * values (and its derivative to the output gradient before routing it to the argmax).
 */
final class MaxPoolLayer implements Layer {
  private final String name;
  private final Ops ops;
  private final Layout layout;
  private final int c;
  private final int h;
  private final int w;
  private final float[] out;
  private final float[] dIn;
  private final int[] argmax;
  private final boolean sigmoidAfter;
  private final float[] dPooled;
  private PoolShape shape;

  MaxPoolLayer(String name, Ops ops, Layout layout, int capacity, int c, int h, int w,
      boolean sigmoidAfter) {
    this.name = name;
    this.ops = ops;
    this.layout = layout;
    this.c = c;
    this.h = h;
    this.w = w;
    this.out = new float[capacity * c * (h / 2) * (w / 2)];
    this.argmax = new int[out.length];
    this.dIn = new float[capacity * c * h * w];
    this.sigmoidAfter = sigmoidAfter;
    this.dPooled = sigmoidAfter ? new float[out.length] : null;
  }

  private PoolShape shapeFor(int n) {
    if (shape == null || shape.input().n() != n) {
      shape = new PoolShape(new TensorShape(n, c, h, w, layout), 2, 2);
    }
    return shape;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "MaxPooling2D";
  }

  @Override
  public int[] outputShape() {
    return new int[] {c, h / 2, w / 2};
  }

  @Override
  public List<Param> params() {
    return List.of();
  }

  @Override
  public float[] forward(int n, float[] in, boolean training) {
    ops.pool.forward(shapeFor(n), in, 0, out, 0, training ? argmax : null, 0);
    if (sigmoidAfter) {
      int pooled = n * c * (h / 2) * (w / 2);
      ops.act.sigmoidForward(out, 0, out, 0, pooled);
    }
    return out;
  }

  @Override
  public float[] backward(int n, float[] in, float[] dOut, boolean needInputGrad) {
    float[] d = dOut;
    if (sigmoidAfter) {
      int pooled = n * c * (h / 2) * (w / 2);
      ops.act.sigmoidBackward(out, 0, dOut, 0, dPooled, 0, pooled);
      d = dPooled;
    }
    ops.pool.backward(shapeFor(n), d, 0, argmax, 0, dIn, 0);
    return dIn;
  }
}
