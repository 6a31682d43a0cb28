package dev.lanes.kernels.dense;

import dev.lanes.kernels.Dense;
import dev.lanes.kernels.internal.Workspace;

/** Makes the dense implementations; the provider decides which one a caller gets. */
public final class DenseKernels {
  private DenseKernels() {}

  /** The plain-Java implementation. */
  public static Dense scalar(Workspace ws) {
    return new BlockedDense(scalarLoops(), ws);
  }

  /**
   * The Vector API implementation. Loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static Dense panama(Workspace ws) {
    return new BlockedDense(panamaLoops(), ws);
  }

  /** The plain-Java GEMM loops, for other kernels built on them. */
  public static GemmLoops scalarLoops() {
    return new ScalarGemmLoops();
  }

  /** The Vector API GEMM loops; like {@link #panama}, only when the module is readable. */
  public static GemmLoops panamaLoops() {
    try {
      return (GemmLoops) Class.forName("dev.lanes.kernels.dense.PanamaGemmLoops")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API dense loops", e);
    }
  }
}
