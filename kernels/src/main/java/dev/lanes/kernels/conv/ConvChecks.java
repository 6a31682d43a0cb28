package dev.lanes.kernels.conv;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.internal.Checks;

/** Argument validation of every convolution entry point, run before anything is written. */
final class ConvChecks {
  private ConvChecks() {}

  static void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias,
      int biasOff, float[] y, int yOff) {
    Checks.notNull("s", s, "a ConvShape");
    Checks.span("x", x, xOff, s.inputSize());
    Checks.span("w", w, wOff, s.weightSize());
    if (bias != null) {
      Checks.span("bias", bias, biasOff, s.cout());
    }
    Checks.span("y", y, yOff, s.outputSize());
    Checks.distinct("y", y, "x", x);
    Checks.distinct("y", y, "w", w);
    Checks.distinct("y", y, "bias", bias);
  }

  static void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx,
      int dxOff) {
    Checks.notNull("s", s, "a ConvShape");
    Checks.span("dy", dy, dyOff, s.outputSize());
    Checks.span("w", w, wOff, s.weightSize());
    Checks.span("dx", dx, dxOff, s.inputSize());
    Checks.distinct("dx", dx, "dy", dy);
    Checks.distinct("dx", dx, "w", w);
  }

  static void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw,
      int dwOff, float[] dbias, int dbiasOff) {
    Checks.notNull("s", s, "a ConvShape");
    Checks.span("x", x, xOff, s.inputSize());
    Checks.span("dy", dy, dyOff, s.outputSize());
    Checks.span("dw", dw, dwOff, s.weightSize());
    if (dbias != null) {
      Checks.span("dbias", dbias, dbiasOff, s.cout());
    }
    Checks.distinct("dw", dw, "x", x);
    Checks.distinct("dw", dw, "dy", dy);
    Checks.distinct("dbias", dbias, "x", x);
    Checks.distinct("dbias", dbias, "dy", dy);
    Checks.distinct("dbias", dbias, "dw", dw);
  }
}
