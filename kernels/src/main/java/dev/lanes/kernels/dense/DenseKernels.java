package dev.lanes.kernels.dense;

import dev.lanes.kernels.Dense;
import dev.lanes.kernels.internal.Workspace;

/** Makes the dense implementations; the provider decides which one a caller gets. */
public final class DenseKernels {
  private DenseKernels() {}

  /** The plain-Java implementation. */
  public static Dense scalar(Workspace ws) {
    return new BlockedDense(new ScalarGemmLoops(), ws);
  }

  /**
   * The Vector API implementation. Loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static Dense panama(Workspace ws) {
    try {
      Object loops = Class.forName("dev.lanes.kernels.dense.PanamaGemmLoops")
          .getDeclaredConstructor().newInstance();
      return new BlockedDense((GemmLoops) loops, ws);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API dense layer", e);
    }
  }
}
