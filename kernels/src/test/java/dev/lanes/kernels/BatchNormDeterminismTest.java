package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bitwise identical outputs, statistics and gradients for 1, 2, 3 and 7 threads, with and without a
 * fused sigmoid (which changes the large NCHW walk), in training, inference and backward.
 */
class BatchNormDeterminismTest {
  private static final int[] THREADS = {1, 2, 3, 7};
  /** B1, B2 and B4 of BENCHMARKING.md. */
  private static final int[][] SHAPES = {{64, 6, 24, 24}, {64, 16, 8, 8}, {32, 64, 56, 56}};
  /** Past BlockedBatchNorm.PAST_CACHE: NCHW sums four images a call (two calls of four, one of one). */
  private static final TensorShape PAST_CACHE = new TensorShape(9, 911, 32, 32, Layout.NCHW);
  /** NHWC past BlockedBatchNorm.PAST_CACHE: each whole block's sums read its quarters side by side. */
  private static final TensorShape PAST_CACHE_NHWC = new TensorShape(9, 256, 61, 61, Layout.NHWC);
  /** Streamed, odd N: backward sums two images side by side, then one, in channel groups. */
  private static final TensorShape ODD_IMAGES = new TensorShape(3, 900, 28, 28, Layout.NCHW);

  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    for (Implementation impl : Implementations.runnable()) {
      for (int[] d : SHAPES) {
        for (Layout layout : Layout.values()) {
          for (Activation act : new Activation[] {Activation.SIGMOID, Activation.NONE}) {
            args.add(Arguments.of(impl, new TensorShape(d[0], d[1], d[2], d[3], layout), act));
          }
        }
      }
      args.add(Arguments.of(impl, PAST_CACHE, Activation.NONE));
      args.add(Arguments.of(impl, PAST_CACHE_NHWC, Activation.NONE));
      args.add(Arguments.of(impl, ODD_IMAGES, Activation.RELU));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void resultsDoNotDependOnTheThreadCount(Implementation impl, TensorShape s, Activation act) {
    Gen gen = new Gen(s.size());
    float[] x = BatchNormCase.floats(gen.normal(s.size(), 2, 3));
    float[] dy = BatchNormCase.floats(gen.normal(s.size(), 0, 1));
    float[] gamma = BatchNormCase.floats(gen.normal(s.c(), 1, 0.3));
    float[] beta = BatchNormCase.floats(gen.normal(s.c(), 0, 0.3));
    BatchNormParams p = BatchNormParams.keras().withActivation(act);
    Result first = null;
    for (int threads : THREADS) {
      Result r = new Result(s);
      try (KernelContext ctx = new KernelContext(threads)) {
        BatchNorm bn = Kernels.batchNorm(ctx, impl);
        bn.forwardTraining(s, x, 0, gamma, beta, r.runMean, r.runVar, p, r.y, 0, r.mean, r.invStd);
        bn.backward(s, x, 0, dy, 0, gamma, beta, r.mean, r.invStd, p, r.dx, 0, r.dgamma, r.dbeta);
        bn.inference(s, x, 0, r.runMean, r.runVar, gamma, beta, p, r.inferred, 0);
      }
      if (first == null) {
        first = r;
        continue;
      }
      String ctx = impl + " " + s + " " + act + ", " + threads + " threads vs 1";
      assertArrayEquals(first.y, r.y, ctx + ": y");
      assertArrayEquals(first.inferred, r.inferred, ctx + ": inference y");
      assertArrayEquals(first.mean, r.mean, ctx + ": mean");
      assertArrayEquals(first.invStd, r.invStd, ctx + ": invStd");
      assertArrayEquals(first.runMean, r.runMean, ctx + ": runningMean");
      assertArrayEquals(first.runVar, r.runVar, ctx + ": runningVar");
      assertArrayEquals(first.dx, r.dx, ctx + ": dx");
      assertArrayEquals(first.dgamma, r.dgamma, ctx + ": dgamma");
      assertArrayEquals(first.dbeta, r.dbeta, ctx + ": dbeta");
    }
  }

  private static final class Result {
    final float[] y;
    final float[] inferred;
    final float[] dx;
    final double[] mean;
    final double[] invStd;
    final float[] runMean;
    final float[] runVar;
    final float[] dgamma;
    final float[] dbeta;

    Result(TensorShape s) {
      y = new float[s.size()];
      inferred = new float[s.size()];
      dx = new float[s.size()];
      mean = new double[s.c()];
      invStd = new double[s.c()];
      runMean = new float[s.c()];
      runVar = new float[s.c()];
      java.util.Arrays.fill(runVar, 1f);
      dgamma = new float[s.c()];
      dbeta = new float[s.c()];
    }
  }
}
