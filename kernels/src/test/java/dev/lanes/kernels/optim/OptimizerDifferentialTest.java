package dev.lanes.kernels.optim;

import static dev.lanes.kernels.Floats.assertPadding;
import static dev.lanes.kernels.Floats.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Optimizers;
import dev.lanes.kernels.internal.Elementwise;
import dev.lanes.reference.optim.RmsPropReference;
import dev.lanes.reference.optim.SgdReference;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RMSprop and SGD steps of every implementation that can run in this JVM against the double oracle
 * (which runs from index 0: the spans are copied out), over counts around the vector width and the
 * task block, with zero, tiny and large gradients and zero state. Each result is a few float roundings
 * from the oracle: v within 1e-6 of itself, w within 1e-6 of |w| + |its step|, or a few subnormal ulps
 * (a gradient of 1e-20 squares to a subnormal float, of a precision no float formula can improve).
 */
class OptimizerDifferentialTest {
  private static final int W_OFF = 3;
  private static final int G_OFF = 1;
  private static final int V_OFF = 6;
  private static final int TAIL = 5;
  /** Four ulps of the subnormal floats, the absolute precision of a float below 1.2e-38. */
  private static final double SUBNORMAL = 4 * Float.MIN_VALUE;
  /** (lr, rho, eps): Keras' defaults, and a large step with no memory and a large eps. */
  private static final float[][] HYPER = {{1e-3f, 0.9f, 1e-7f}, {0.05f, 0f, 1e-3f}};
  private static final KernelContext CTX = new KernelContext(3);

  @AfterAll
  static void close() {
    CTX.close();
  }

  record Case(long seed, int count) {
    float[] w() {
      return Floats.floats(new Gen(seed).normal(count, 0, 1));
    }

    float[] g() {
      float[] g = Floats.floats(new Gen(seed + 1).normal(count, 0, 1e-2));
      float[] special = {0f, 1e-6f, -1e-20f, 10f, -3f};
      for (int i = 0; i < count; i += 5) {
        g[i] = special[(i / 5) % special.length];
      }
      return g;
    }

    float[] v() {
      float[] v = Floats.floats(new Gen(seed + 2).uniform(count, 0, 1e-3));
      for (int i = 0; i < count; i += 3) {
        v[i] = 0f;
      }
      return v;
    }

    @Override
    public String toString() {
      return "seed " + seed + ", count " + count;
    }
  }

  static Stream<Arguments> cases() {
    int l = Implementations.lanes();
    int[] counts = {1, 3, l - 1, l, l + 1, 4 * l + 3, 1000, 44_878, Elementwise.BLOCK + 1};
    List<Arguments> args = new ArrayList<>();
    for (Implementation impl : Implementations.runnable()) {
      long seed = 71_000;
      for (int count : counts) {
        args.add(Arguments.of(impl, new Case(seed++, count)));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rmsPropMatchesTheOracle(Implementation impl, Case k) {
    Optimizers opt = Kernels.optimizers(CTX, impl);
    int n = k.count();
    for (float[] h : HYPER) {
      String ctx = impl + " " + k + ", lr " + h[0] + " rho " + h[1] + " eps " + h[2];
      float[] w0 = k.w();
      float[] g = k.g();
      float[] v0 = k.v();
      double[] refW = Floats.doubles(w0);
      double[] refV = Floats.doubles(v0);
      RmsPropReference.step(refW, Floats.doubles(g), refV, n, h[0], h[1], h[2]);
      float[] w = Floats.padded(w0, W_OFF, TAIL);
      float[] v = Floats.padded(v0, V_OFF, TAIL);
      opt.rmsProp(w, W_OFF, Floats.padded(g, G_OFF, TAIL), G_OFF, v, V_OFF, n, h[0], h[1], h[2]);
      for (int i = 0; i < n; i++) {
        near(ctx + ", v", i, v[V_OFF + i], refV[i], 1e-6 * refV[i] + SUBNORMAL);
        double step = Math.abs(refW[i] - w0[i]);
        near(ctx + ", w", i, w[W_OFF + i], refW[i], 1e-6 * (Math.abs(w0[i]) + step) + SUBNORMAL);
      }
      assertPadding(ctx + ", w", w, W_OFF, n);
      assertPadding(ctx + ", v", v, V_OFF, n);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void sgdMatchesTheOracle(Implementation impl, Case k) {
    Optimizers opt = Kernels.optimizers(CTX, impl);
    int n = k.count();
    float[] w0 = k.w();
    float[] g = k.g();
    double[] refW = Floats.doubles(w0);
    SgdReference.step(refW, Floats.doubles(g), n, 0.1);
    float[] w = Floats.padded(w0, W_OFF, TAIL);
    opt.sgd(w, W_OFF, Floats.padded(g, G_OFF, TAIL), G_OFF, n, 0.1f);
    for (int i = 0; i < n; i++) {
      double tol = 1e-6 * (Math.abs(w0[i]) + Math.abs(refW[i] - w0[i]));
      near(impl + " " + k + ", sgd w", i, w[W_OFF + i], refW[i], tol);
    }
    assertPadding(impl + " " + k + ", sgd w", w, W_OFF, n);
  }

  /**
   * w, g and v at disjoint spans of one array (a parameter arena) step as in separate arrays; Panama
   * and Scalar use the same float operations and give the same bits.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void arenasAndImplementationsAgreeBitwise(Implementation impl, Case k) {
    int n = k.count();
    float[] w = k.w();
    float[] g = k.g();
    float[] v = k.v();
    Optimizers opt = Kernels.optimizers(CTX, impl);
    opt.rmsProp(w, 0, g, 0, v, 0, n, 1e-3f, 0.9f, 1e-7f);
    opt.sgd(w, 0, g, 0, n, 0.5f);

    float[] arena = new float[3 * n + 2];
    System.arraycopy(k.v(), 0, arena, 0, n);
    System.arraycopy(k.w(), 0, arena, n + 1, n);
    System.arraycopy(k.g(), 0, arena, 2 * n + 2, n);
    opt.rmsProp(arena, n + 1, arena, 2 * n + 2, arena, 0, n, 1e-3f, 0.9f, 1e-7f);
    opt.sgd(arena, n + 1, arena, 2 * n + 2, n, 0.5f);
    assertArrayEquals(w, Arrays.copyOfRange(arena, n + 1, 2 * n + 1), impl + " " + k + ": w");
    assertArrayEquals(v, Arrays.copyOfRange(arena, 0, n), impl + " " + k + ": v");

    if (impl == Implementation.PANAMA) {
      float[] ws = k.w();
      float[] vs = k.v();
      Optimizers scalar = Kernels.optimizers(CTX, Implementation.SCALAR);
      scalar.rmsProp(ws, 0, g, 0, vs, 0, n, 1e-3f, 0.9f, 1e-7f);
      scalar.sgd(ws, 0, g, 0, n, 0.5f);
      assertArrayEquals(ws, w, k + ": Panama and Scalar w");
      assertArrayEquals(vs, v, k + ": Panama and Scalar v");
    }
  }
}
