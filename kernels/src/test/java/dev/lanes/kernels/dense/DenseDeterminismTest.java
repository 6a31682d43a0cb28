package dev.lanes.kernels.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Dense;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bitwise identical y, dx, dw and db for 1, 2 and 3 threads. */
class DenseDeterminismTest {
  private static final int[] THREADS = {1, 2, 3};
  /**
   * (n, in, out): two products large enough to be split over threads (the second over k-blocks too),
   * and LeNet's first layer.
   */
  private static final int[][] SHAPES = {{130, 300, 257}, {70, 1100, 230}, {64, 400, 120}};

  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    for (Implementation impl : Implementations.runnable()) {
      for (int[] d : SHAPES) {
        args.add(Arguments.of(impl, new DenseCase(d[0] * 7L + d[2], d[0], d[1], d[2],
            DenseCase.Data.NORMAL)));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void resultsDoNotDependOnTheThreadCount(Implementation impl, DenseCase k) {
    int n = k.n();
    int in = k.in();
    int out = k.out();
    float[] x = k.x();
    float[] w = k.w();
    float[] b = k.b();
    float[] dy = k.dy();
    float[][] first = null;
    for (int threads : THREADS) {
      float[][] r = {new float[n * out], new float[n * in], new float[in * out], new float[out]};
      try (KernelContext ctx = new KernelContext(threads)) {
        Dense dense = Kernels.dense(ctx, impl);
        dense.forward(n, in, out, x, 0, w, 0, b, 0, r[0], 0);
        dense.backwardData(n, in, out, dy, 0, w, 0, r[1], 0);
        dense.backwardWeights(n, in, out, x, 0, dy, 0, r[2], 0, r[3], 0);
      }
      if (first == null) {
        first = r;
        continue;
      }
      String ctx = impl + " " + k + ", " + threads + " threads vs 1";
      assertArrayEquals(first[0], r[0], ctx + ": y");
      assertArrayEquals(first[1], r[1], ctx + ": dx");
      assertArrayEquals(first[2], r[2], ctx + ": dw");
      assertArrayEquals(first[3], r[3], ctx + ": db");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theLargeShapesAreSplit(Implementation impl, DenseCase k) {
    long macs = (long) k.n() * k.in() * k.out();
    boolean lenet = k.n() == 64 && k.in() == 400;
    assertTrue(lenet ? macs < BlockedDense.PARALLEL_MIN : macs >= BlockedDense.PARALLEL_MIN,
        k + ": " + macs + " multiply-adds against the threshold " + BlockedDense.PARALLEL_MIN);
  }
}
