package dev.lanes.kernels.conv;

import dev.lanes.kernels.Convolution;
import dev.lanes.kernels.dense.DenseKernels;
import dev.lanes.kernels.internal.Workspace;

/** Makes the convolution implementations; the provider decides which one a caller gets. */
public final class Convolutions {
  private Convolutions() {}

  /** The plain-Java implementation. */
  public static Convolution scalar(Workspace ws) {
    return new DirectConvolution(new ScalarConvLoops(), DenseKernels.scalarLoops(), ws.pool());
  }

  /**
   * The Vector API implementation. Loaded by name so that this class links without the incubator
   * module; call it only when the provider found the module readable.
   */
  public static Convolution panama(Workspace ws) {
    return new DirectConvolution(panamaLoops(), DenseKernels.panamaLoops(), ws.pool());
  }

  /**
   * The implementation (Vector API or plain Java) without its GEMM path: the direct loops for every
   * shape. For tests, which must reach both paths on the same shapes.
   */
  public static Convolution directOnly(Workspace ws, boolean panama) {
    return new DirectConvolution(panama ? panamaLoops() : new ScalarConvLoops(), null, ws.pool());
  }

  private static ConvLoops panamaLoops() {
    try {
      return (ConvLoops) Class.forName("dev.lanes.kernels.conv.PanamaConvLoops")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the Vector API convolution", e);
    }
  }
}
