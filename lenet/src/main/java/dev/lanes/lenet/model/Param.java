package dev.lanes.lenet.model;

/**
 * One named parameter tensor with its gradient. Trainable parameters are updated by the optimizer;
 * the others (BN moving statistics, frozen gamma and beta) are state saved with the model.
 */
public final class Param {
  private final String name;
  private final int[] shape;
  private final float[] value;
  private final float[] grad;
  private final boolean trainable;

  Param(String name, int[] shape, boolean trainable) {
    this.name = name;
    this.shape = shape.clone();
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    this.value = new float[size];
    this.grad = trainable ? new float[size] : null;
    this.trainable = trainable;
  }

  public String name() {
    return name;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int size() {
    return value.length;
  }

  /** The values, updated in place by training and loading. */
  public float[] value() {
    return value;
  }

  /** The gradient of the last backward pass; null when not trainable. */
  public float[] grad() {
    return grad;
  }

  public boolean trainable() {
    return trainable;
  }
}
