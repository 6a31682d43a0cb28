package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bitwise identical outputs and gradients for 1, 2, 3 and 7 threads, on shapes that run in parallel. */
class ConvolutionDeterminismTest {
  private static final int[] THREADS = {1, 2, 3, 7};

  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    for (Implementation impl : Implementations.runnable()) {
      for (Layout layout : Layout.values()) {
        // K1 and K2 of BENCHMARKING.md, and a strided padded layer of 33 images (uneven blocks).
        args.add(Arguments.of(impl, new ConvShape(64, 1, 28, 28, 6, 5, 5, 1, 0, layout)));
        args.add(Arguments.of(impl, new ConvShape(64, 6, 12, 12, 16, 5, 5, 1, 0, layout)));
        args.add(Arguments.of(impl, new ConvShape(33, 8, 15, 15, 16, 3, 3, 2, 1, layout)));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void resultsDoNotDependOnTheThreadCount(Implementation impl, ConvShape s) {
    assertTrue(s.flops() >= 4_000_000, s + " must be large enough to run in parallel");
    Gen gen = new Gen(s.flops());
    float[] x = floats(gen.normal(s.input().size(), 0, 1));
    float[] w = floats(gen.normal(s.weightSize(), 0, 0.2));
    float[] bias = floats(gen.normal(s.cout(), 0, 0.2));
    float[] dy = floats(gen.normal(s.output().size(), 0, 1));
    float[][] first = null;
    for (int threads : THREADS) {
      float[][] r = {new float[s.output().size()], new float[s.input().size()],
          new float[s.weightSize()], new float[s.cout()]};
      try (KernelContext ctx = new KernelContext(threads)) {
        Convolution conv = Kernels.convolution(ctx, impl);
        conv.forward(s, x, 0, w, 0, bias, 0, r[0], 0);
        conv.backwardData(s, dy, 0, w, 0, r[1], 0);
        conv.backwardWeights(s, x, 0, dy, 0, r[2], 0, r[3], 0);
      }
      if (first == null) {
        first = r;
        continue;
      }
      String ctx = impl + " " + s + ", " + threads + " threads vs 1";
      assertArrayEquals(first[0], r[0], ctx + ": y");
      assertArrayEquals(first[1], r[1], ctx + ": dx");
      assertArrayEquals(first[2], r[2], ctx + ": dw");
      assertArrayEquals(first[3], r[3], ctx + ": dbias");
    }
  }

  private static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
