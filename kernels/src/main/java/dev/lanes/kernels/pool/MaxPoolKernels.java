package dev.lanes.kernels.pool;

import dev.lanes.kernels.MaxPool;
import dev.lanes.kernels.internal.Workspace;

/** Makes the max-pool implementations; the provider decides which one a caller gets. */
public final class MaxPoolKernels {
  private MaxPoolKernels() {}

  /** The plain-Java implementation. */
  public static MaxPool scalar(Workspace ws) {
    return new BlockedMaxPool(new ScalarMaxPoolLoops(), ws);
  }

  /**
   * The Vector API implementation, loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static MaxPool panama(Workspace ws) {
    try {
      Object loops = Class.forName("dev.lanes.kernels.pool.PanamaMaxPoolLoops")
          .getDeclaredConstructor().newInstance();
      return new BlockedMaxPool((MaxPoolLoops) loops, ws);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API max pooling", e);
    }
  }
}
