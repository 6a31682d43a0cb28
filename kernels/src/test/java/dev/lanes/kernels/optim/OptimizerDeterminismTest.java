package dev.lanes.kernels.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Optimizers;
import dev.lanes.kernels.internal.Elementwise;
import dev.lanes.reference.support.Gen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bitwise identical steps for 1, 2 and 3 threads, on a span long enough to be split. */
class OptimizerDeterminismTest {

  static Iterable<Implementation> impls() {
    return Implementations.runnable();
  }

  @ParameterizedTest
  @MethodSource("impls")
  void resultsDoNotDependOnTheThreadCount(Implementation impl) {
    int n = Elementwise.PARALLEL_MIN + 5;
    float[] g = Floats.floats(new Gen(72_001).normal(n, 0, 1e-2));
    float[] firstW = null;
    float[] firstV = null;
    for (int threads = 1; threads <= 3; threads++) {
      float[] w = Floats.floats(new Gen(72_000).normal(n, 0, 1));
      float[] v = new float[n];
      try (KernelContext ctx = new KernelContext(threads)) {
        Optimizers opt = Kernels.optimizers(ctx, impl);
        opt.rmsProp(w, 0, g, 0, v, 0, n, 1e-3f, 0.9f, 1e-7f);
        opt.rmsProp(w, 0, g, 0, v, 0, n, 1e-3f, 0.9f, 1e-7f);
        opt.sgd(w, 0, g, 0, n, 0.01f);
      }
      if (firstW == null) {
        firstW = w;
        firstV = v;
        continue;
      }
      assertArrayEquals(firstW, w, impl + ", " + threads + " threads vs 1: w");
      assertArrayEquals(firstV, v, impl + ", " + threads + " threads vs 1: v");
    }
  }
}
