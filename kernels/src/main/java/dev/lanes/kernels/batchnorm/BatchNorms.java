package dev.lanes.kernels.batchnorm;

import dev.lanes.kernels.BatchNorm;
import dev.lanes.kernels.internal.Workspace;

/** Makes the batch-norm implementations; the provider decides which one a caller gets. */
public final class BatchNorms {
  private BatchNorms() {}

  /** The plain-Java implementation. */
  public static BatchNorm scalar(Workspace ws) {
    return new BlockedBatchNorm(new ScalarBatchNormLoops(), ws);
  }

  /**
   * The Vector API implementation. Loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static BatchNorm panama(Workspace ws) {
    return new BlockedBatchNorm(panamaLoops(), ws);
  }

  /** The Vector API loops, loaded by name (see {@link #panama}). */
  static BatchNormLoops panamaLoops() {
    try {
      return (BatchNormLoops) Class.forName("dev.lanes.kernels.batchnorm.PanamaBatchNormLoops")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API batch norm", e);
    }
  }
}
