package dev.lanes.kernels.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.Activations;
import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.internal.Elementwise;
import dev.lanes.reference.support.Gen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bitwise identical results for 1, 2 and 3 threads, on a span long enough to be split. */
class ActivationDeterminismTest {

  static Iterable<Implementation> impls() {
    return Implementations.runnable();
  }

  @ParameterizedTest
  @MethodSource("impls")
  void resultsDoNotDependOnTheThreadCount(Implementation impl) {
    int n = Elementwise.PARALLEL_MIN + 37;
    float[] x = Floats.floats(new Gen(62_000).normal(n, 0, 4));
    float[] dy = Floats.floats(new Gen(62_001).normal(n, 0, 1));
    float[][] first = null;
    for (int threads = 1; threads <= 3; threads++) {
      float[][] r = new float[4][n];
      try (KernelContext ctx = new KernelContext(threads)) {
        Activations act = Kernels.activations(ctx, impl);
        act.sigmoidForward(x, 0, r[0], 0, n);
        act.sigmoidBackward(r[0], 0, dy, 0, r[1], 0, n);
        act.reluForward(x, 0, r[2], 0, n);
        act.reluBackward(x, 0, dy, 0, r[3], 0, n);
      }
      if (first == null) {
        first = r;
        continue;
      }
      for (int op = 0; op < 4; op++) {
        assertArrayEquals(first[op], r[op], impl + ", op " + op + ", " + threads + " threads vs 1");
      }
    }
  }
}
