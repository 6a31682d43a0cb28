package dev.lanes.kernels.activation;

import dev.lanes.kernels.Activations;
import dev.lanes.kernels.internal.Workspace;

/** Makes the activation implementations; the provider decides which one a caller gets. */
public final class ActivationKernels {
  private ActivationKernels() {}

  /** The plain-Java implementation. */
  public static Activations scalar(Workspace ws) {
    return new BlockedActivations(new ScalarActivationLoops(), ws);
  }

  /**
   * The Vector API implementation, loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static Activations panama(Workspace ws) {
    try {
      Object loops = Class.forName("dev.lanes.kernels.activation.PanamaActivationLoops")
          .getDeclaredConstructor().newInstance();
      return new BlockedActivations((ActivationLoops) loops, ws);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API activations", e);
    }
  }
}
