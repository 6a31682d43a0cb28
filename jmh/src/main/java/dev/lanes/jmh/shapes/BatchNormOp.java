package dev.lanes.jmh.shapes;

/**
 * The batch-norm passes that are benchmarked, with the benchmark method that measures each and the
 * minimal DRAM traffic BENCHMARKING.md counts per element for its GB/s.
 */
public enum BatchNormOp {
  /** Reads x twice (statistics, then normalize) and writes y. */
  FORWARD_TRAINING("forwardTraining", "forward training", 12),
  /** Reads x, writes y. */
  INFERENCE("inference", "inference", 8),
  /** Reads x and dy twice, writes dx. */
  BACKWARD("backward", "backward", 20);

  private final String method;
  private final String label;
  private final int bytesPerElement;

  BatchNormOp(String method, String label, int bytesPerElement) {
    this.method = method;
    this.label = label;
    this.bytesPerElement = bytesPerElement;
  }

  /** The op whose benchmark method is {@code method}. */
  public static BatchNormOp byMethod(String method) {
    for (BatchNormOp op : values()) {
      if (op.method.equals(method)) {
        return op;
      }
    }
    throw new IllegalArgumentException("batch-norm benchmark method: expected forwardTraining, "
        + "inference or backward, actual " + method);
  }

  public String method() {
    return method;
  }

  public String label() {
    return label;
  }

  public int bytesPerElement() {
    return bytesPerElement;
  }
}
