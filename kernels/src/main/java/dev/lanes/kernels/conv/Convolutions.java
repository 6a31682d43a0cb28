package dev.lanes.kernels.conv;

import dev.lanes.kernels.Convolution;
import dev.lanes.kernels.internal.Workspace;

/** Makes the convolution implementations; the provider decides which one a caller gets. */
public final class Convolutions {
  private Convolutions() {}

  /** The plain-Java implementation. */
  public static Convolution scalar(Workspace ws) {
    return new DirectConvolution(new ScalarConvLoops(), ws.pool());
  }

  /**
   * The Vector API implementation. Loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static Convolution panama(Workspace ws) {
    try {
      Object loops = Class.forName("dev.lanes.kernels.conv.PanamaConvLoops")
          .getDeclaredConstructor().newInstance();
      return new DirectConvolution((ConvLoops) loops, ws.pool());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API convolution", e);
    }
  }
}
