package dev.lanes.lenet.model;

import java.util.List;

/** Flatten: a summary row that computes nothing, the activations being contiguous per image already. */
final class PassThroughLayer implements Layer {
  private final String name;
  private final String type;
  private final int[] shape;

  PassThroughLayer(String name, String type, int[] shape) {
    this.name = name;
    this.type = type;
    this.shape = shape.clone();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return type;
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
    return in;
  }

  @Override
  public float[] backward(int n, float[] in, float[] dOut, boolean needInputGrad) {
    return dOut;
  }
}
