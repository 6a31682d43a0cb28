package dev.lanes.jmh.bench;

import dev.lanes.kernels.Implementation;
import java.util.SplittableRandom;

/** Helpers shared by the layer benchmarks. */
final class Bench {
  private Bench() {}

  static Implementation implementation(String impl) {
    return switch (impl) {
      case "scalar" -> Implementation.SCALAR;
      case "panama" -> Implementation.PANAMA;
      default -> throw new IllegalArgumentException("impl: expected scalar or panama, actual " + impl);
    };
  }

  static float[] random(SplittableRandom r, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) r.nextDouble(-1, 1);
    }
    return f;
  }

  static double[] widen(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
