package dev.lanes.jmh.shapes;

/**
 * The convolution passes that are benchmarked and the benchmark method that measures each. All three do
 * {@link ConvShape#flops()} floating-point operations.
 */
public enum ConvOp {
  FORWARD("forward", "forward"),
  BACKWARD_DATA("backwardData", "backward-data"),
  BACKWARD_WEIGHTS("backwardWeights", "backward-weights");

  private final String method;
  private final String label;

  ConvOp(String method, String label) {
    this.method = method;
    this.label = label;
  }

  /** The op whose benchmark method is {@code method}. */
  public static ConvOp byMethod(String method) {
    for (ConvOp op : values()) {
      if (op.method.equals(method)) {
        return op;
      }
    }
    throw new IllegalArgumentException("convolution benchmark method: expected forward, "
        + "backwardData or backwardWeights, actual " + method);
  }

  public String method() {
    return method;
  }

  public String label() {
    return label;
  }
}
