package dev.lanes.kernels.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.MaxPool;
import dev.lanes.kernels.PoolShape;
import dev.lanes.kernels.TensorShape;
import dev.lanes.kernels.internal.Elementwise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bitwise identical y, argmax and dx for 1, 2 and 3 threads, on tensors large enough to be split. */
class MaxPoolDeterminismTest {
  private static final int[] THREADS = {1, 2, 3};

  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    long seed = 53_000;
    for (Implementation impl : Implementations.runnable()) {
      for (Layout layout : Layout.values()) {
        TensorShape s = new TensorShape(40, 16, 48, 48, layout);
        args.add(Arguments.of(impl, new PoolCase(seed++, new PoolShape(s, 3, 2), PoolCase.Data.TIES)));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void resultsDoNotDependOnTheThreadCount(Implementation impl, PoolCase k) {
    PoolShape s = k.pool();
    assertTrue(Elementwise.parallel(s.input().size()), k + " is split over threads");
    float[] x = k.x();
    float[] dy = k.dy();
    float[] firstY = null;
    int[] firstArg = null;
    float[] firstDx = null;
    for (int threads : THREADS) {
      float[] y = new float[s.output().size()];
      int[] argmax = new int[y.length];
      float[] dx = new float[x.length];
      try (KernelContext ctx = new KernelContext(threads)) {
        MaxPool pool = Kernels.maxPool(ctx, impl);
        pool.forward(s, x, 0, y, 0, argmax, 0);
        pool.backward(s, dy, 0, argmax, 0, dx, 0);
      }
      if (firstY == null) {
        firstY = y;
        firstArg = argmax;
        firstDx = dx;
        continue;
      }
      String ctx = impl + " " + k + ", " + threads + " threads vs 1";
      assertArrayEquals(firstY, y, ctx + ": y");
      assertArrayEquals(firstArg, argmax, ctx + ": argmax");
      assertArrayEquals(firstDx, dx, ctx + ": dx");
    }
  }
}
