package dev.lanes.kernels.pool;

import static dev.lanes.kernels.Floats.assertPadding;
import static dev.lanes.kernels.Floats.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.MaxPool;
import dev.lanes.kernels.PoolShape;
import dev.lanes.reference.pool.MaxPoolReference;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Max pooling of every implementation that can run in this JVM against the double oracle. The maxima
 * must be exact (signed zeros and NaNs included: the oracle's y is x at its argmax). The argmax is
 * checked through the backward pass: the oracle sends each dy to its window's FIRST maximum (ties, NaN),
 * the kernel to its argmax, so a different choice moves a gradient; overlapping windows add a few dy
 * in float, within 1e-6 of the sum of their magnitudes.
 */
class MaxPoolDifferentialTest {
  private static final int X_OFF = 5;
  private static final int Y_OFF = 3;
  private static final int ARG_OFF = 2;
  private static final int TAIL = 9;
  private static final int ARG_SENTINEL = -77;
  private static final KernelContext CTX = new KernelContext(3);

  @AfterAll
  static void close() {
    CTX.close();
  }

  static Stream<Arguments> cases() {
    return Implementations.withEach(PoolCase.all());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void forwardAndBackwardMatchTheOracle(Implementation impl, PoolCase k) {
    MaxPool pool = Kernels.maxPool(CTX, impl);
    PoolShape s = k.pool();
    int inSize = s.input().size();
    int outSize = s.output().size();
    String ctx = impl + " " + k;
    float[] x = k.x();
    double[] ref = new double[outSize];
    MaxPoolReference.forward(k.oracle(), Floats.doubles(x), 0, ref, 0);

    float[] xp = Floats.padded(x, X_OFF, TAIL);
    float[] y = Floats.output(Y_OFF, outSize, TAIL);
    int[] argmax = new int[ARG_OFF + outSize + TAIL];
    Arrays.fill(argmax, ARG_SENTINEL);
    pool.forward(s, xp, X_OFF, y, Y_OFF, argmax, ARG_OFF);
    for (int i = 0; i < outSize; i++) {
      assertEquals((float) ref[i], y[Y_OFF + i], ctx + ": y[" + i + "]");
      assertEquals(y[Y_OFF + i], x[argmax[ARG_OFF + i]], ctx + ": x at argmax[" + i + "]");
    }
    assertPadding(ctx + ", y", y, Y_OFF, outSize);
    for (int i = 0; i < argmax.length; i++) {
      if (i < ARG_OFF || i >= ARG_OFF + outSize) {
        assertEquals(ARG_SENTINEL, argmax[i], ctx + ": argmax padding " + i);
      }
    }

    float[] yInference = Floats.output(Y_OFF, outSize, TAIL);
    pool.forward(s, xp, X_OFF, yInference, Y_OFF, null, 0);
    assertArrayEquals(y, yInference, ctx + ": y without argmax");

    float[] dy = k.dy();
    double[] refDx = new double[inSize];
    double[] scale = new double[inSize];
    MaxPoolReference.backward(k.oracle(), Floats.doubles(x), 0, Floats.doubles(dy), 0, refDx, 0);
    MaxPoolReference.backward(k.oracle(), Floats.doubles(x), 0, Floats.abs(Floats.doubles(dy)), 0,
        scale, 0);
    float[] dyp = Floats.padded(dy, Y_OFF, TAIL);
    float[] dx = Floats.output(X_OFF, inSize, TAIL);
    pool.backward(s, dyp, Y_OFF, argmax, ARG_OFF, dx, X_OFF);
    for (int i = 0; i < inSize; i++) {
      near(ctx + ", dx", i, dx[X_OFF + i], refDx[i], 1e-6 * scale[i]);
    }
    assertPadding(ctx + ", dx", dx, X_OFF, inSize);
  }

  /**
   * One instance serves a sequence of shapes, large planes then small ones and back (it keeps per-shape
   * tables): each result equals a fresh instance's.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("impls")
  void oneInstanceServesChangingShapes(Implementation impl) {
    MaxPool reused = Kernels.maxPool(CTX, impl);
    List<PoolCase> all = PoolCase.all();
    for (int round = 0; round < 2; round++) {
      for (int c = all.size() - 1; c >= 0; c--) {
        PoolCase k = all.get(c);
        PoolShape s = k.pool();
        float[] x = k.x();
        float[] y = new float[s.output().size()];
        int[] argmax = new int[y.length];
        reused.forward(s, x, 0, y, 0, argmax, 0);
        float[] yFresh = new float[y.length];
        int[] argFresh = new int[y.length];
        Kernels.maxPool(CTX, impl).forward(s, x, 0, yFresh, 0, argFresh, 0);
        assertArrayEquals(yFresh, y, impl + " " + k + ": y");
        assertArrayEquals(argFresh, argmax, impl + " " + k + ": argmax");
      }
    }
  }

  static List<Implementation> impls() {
    return Implementations.runnable();
  }
}
