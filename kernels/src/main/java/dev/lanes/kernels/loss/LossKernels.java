package dev.lanes.kernels.loss;

import dev.lanes.kernels.Losses;
import dev.lanes.kernels.internal.Workspace;

/** Makes the loss implementations; the provider decides which one a caller gets. */
public final class LossKernels {
  private LossKernels() {}

  /** The plain-Java implementation (single-threaded: the workspace is not used). */
  public static Losses scalar(Workspace ws) {
    return new RowLosses(new ScalarLossLoops());
  }

  /**
   * The Vector API implementation, loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static Losses panama(Workspace ws) {
    try {
      Object loops = Class.forName("dev.lanes.kernels.loss.PanamaLossLoops")
          .getDeclaredConstructor().newInstance();
      return new RowLosses((LossLoops) loops);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API losses", e);
    }
  }
}
