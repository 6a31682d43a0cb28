package dev.lanes.jmh.shapes;

import dev.lanes.reference.Layout;
import dev.lanes.reference.conv.Conv2dShape;

/** The convolution shapes of BENCHMARKING.md by id: square images and kernels, stride 1. */
public enum ConvShape {
  K1(64, 1, 28, 6, 5, 0, "LeNet conv1"),
  K2(64, 6, 12, 16, 5, 0, "LeNet conv2"),
  K3(8, 64, 56, 64, 3, 1, "ResNet 3x3 layer");

  private final int n;
  private final int cin;
  private final int hw;
  private final int cout;
  private final int k;
  private final int pad;
  private final String description;

  ConvShape(int n, int cin, int hw, int cout, int k, int pad, String description) {
    this.n = n;
    this.cin = cin;
    this.hw = hw;
    this.cout = cout;
    this.k = k;
    this.pad = pad;
    this.description = description;
  }

  /** The shape with this id; the exception lists the valid ids. */
  public static ConvShape byId(String id) {
    for (ConvShape s : values()) {
      if (s.name().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "shape: expected one of " + java.util.Arrays.toString(values()) + ", actual " + id);
  }

  /** The convolution with activations (and weights) in the given memory order. */
  public Conv2dShape shape(Layout layout) {
    return new Conv2dShape(n, cin, hw, hw, cout, k, k, 1, pad, layout);
  }

  /** FLOP of one pass: 2 * N * Cout * Hout * Wout * Cin * KH * KW (the same for all three passes). */
  public long flops() {
    return shape(Layout.NCHW).flops();
  }

  /** {@link #flops()} in millions. */
  public double mflop() {
    return flops() / 1e6;
  }

  /** The shape as BENCHMARKING.md writes it, e.g. "N=64, 1 -> 6, 28x28, 5x5, no pad". */
  public String dims() {
    return "N=" + n + ", " + cin + " -> " + cout + ", " + hw + "x" + hw + ", " + k + "x" + k + ", "
        + (pad == 0 ? "no pad" : "pad " + pad);
  }

  /** What the shape stands for. */
  public String description() {
    return description;
  }
}
