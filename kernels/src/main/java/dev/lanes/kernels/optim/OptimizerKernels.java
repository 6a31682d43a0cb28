package dev.lanes.kernels.optim;

import dev.lanes.kernels.Optimizers;
import dev.lanes.kernels.internal.Workspace;

/** Makes the optimizer implementations; the provider decides which one a caller gets. */
public final class OptimizerKernels {
  private OptimizerKernels() {}

  /** The plain-Java implementation. */
  public static Optimizers scalar(Workspace ws) {
    return new BlockedOptimizers(new ScalarOptimizerLoops(), ws);
  }

  /**
   * The Vector API implementation, loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static Optimizers panama(Workspace ws) {
    try {
      Object loops = Class.forName("dev.lanes.kernels.optim.PanamaOptimizerLoops")
          .getDeclaredConstructor().newInstance();
      return new BlockedOptimizers((OptimizerLoops) loops, ws);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API optimizers", e);
    }
  }
}
