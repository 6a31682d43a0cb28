package dev.lanes.kernels.activation;

import static dev.lanes.kernels.Floats.assertPadding;
import static dev.lanes.kernels.Floats.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.kernels.Activations;
import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.internal.Elementwise;
import dev.lanes.reference.activation.ActivationReference;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sigmoid and ReLU of every implementation that can run in this JVM against the double oracle, over
 * counts around the vector width and the task block, with special values (NaN, infinities, signed
 * zeros, saturating magnitudes) among normal ones. ReLU must match exactly; the sigmoid within 1e-6
 * relative (the Panama exponential is within about an ulp) or 1e-37 absolute (its argument is clamped
 * at -87.3, so where the true sigmoid underflows it returns about 5e-39); its backward within 1e-6
 * relative (three float roundings) or four ulps of the subnormal floats (outputs of sigmoid(-100) are
 * subnormal, and so is the gradient).
 */
class ActivationDifferentialTest {
  private static final float[] SPECIAL = {
      Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 100f, -100f, 1e4f, -1e4f,
      88f, -88f, 90f, -90f, -104f, 17f, -17f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
  };
  private static final int IN_OFF = 3;
  private static final int OUT_OFF = 5;
  private static final int TAIL = 7;
  private static final KernelContext CTX = new KernelContext(3);

  @AfterAll
  static void close() {
    CTX.close();
  }

  record Case(long seed, int count) {
    float[] x() {
      float[] x = Floats.floats(new Gen(seed).normal(count, 0, 4));
      for (int i = 0; i < count; i += 7) {
        x[i] = SPECIAL[(i / 7) % SPECIAL.length];
      }
      return x;
    }

    float[] dy() {
      return Floats.floats(new Gen(seed + 1).normal(count, 0, 1));
    }

    @Override
    public String toString() {
      return "seed " + seed + ", count " + count;
    }
  }

  static Stream<Arguments> cases() {
    int l = Implementations.lanes();
    int[] counts = {1, 3, l - 1, l, l + 1, 4 * l + 3, 1000, Elementwise.BLOCK + 1,
        2 * Elementwise.BLOCK + 13};
    List<Arguments> args = new ArrayList<>();
    for (Implementation impl : Implementations.runnable()) {
      long seed = 61_000;
      for (int count : counts) {
        args.add(Arguments.of(impl, new Case(seed++, count)));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void sigmoidMatchesTheOracle(Implementation impl, Case k) {
    Activations act = Kernels.activations(CTX, impl);
    int n = k.count();
    String ctx = impl + " " + k;
    float[] x = k.x();
    double[] ref = new double[n];
    ActivationReference.sigmoidForward(Floats.doubles(x), 0, ref, 0, n);
    float[] y = Floats.output(OUT_OFF, n, TAIL);
    act.sigmoidForward(Floats.padded(x, IN_OFF, TAIL), IN_OFF, y, OUT_OFF, n);
    for (int i = 0; i < n; i++) {
      near(ctx + ", sigmoid", i, y[OUT_OFF + i], ref[i], 1e-6 * ref[i] + 1e-37);
    }
    assertPadding(ctx + ", sigmoid", y, OUT_OFF, n);

    // backward from the saved outputs, and from outputs outside [0, 1] as a formula
    float[] saved = new float[n];
    System.arraycopy(y, OUT_OFF, saved, 0, n);
    float[] dy = k.dy();
    for (float[] s : new float[][] {saved, Floats.floats(new Gen(k.seed() + 2).normal(n, 0.5, 1))}) {
      double[] refDx = new double[n];
      ActivationReference.sigmoidBackward(Floats.doubles(s), 0, Floats.doubles(dy), 0, refDx, 0, n);
      float[] dx = Floats.output(OUT_OFF, n, TAIL);
      act.sigmoidBackward(Floats.padded(s, IN_OFF, TAIL), IN_OFF, Floats.padded(dy, 1, TAIL), 1,
          dx, OUT_OFF, n);
      for (int i = 0; i < n; i++) {
        near(ctx + ", sigmoid backward", i, dx[OUT_OFF + i], refDx[i],
            1e-6 * Math.abs(refDx[i]) + 4 * Float.MIN_VALUE);
      }
      assertPadding(ctx + ", sigmoid backward", dx, OUT_OFF, n);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void reluMatchesTheOracleExactly(Implementation impl, Case k) {
    Activations act = Kernels.activations(CTX, impl);
    int n = k.count();
    String ctx = impl + " " + k;
    float[] x = k.x();
    double[] ref = new double[n];
    ActivationReference.reluForward(Floats.doubles(x), 0, ref, 0, n);
    float[] y = Floats.output(OUT_OFF, n, TAIL);
    act.reluForward(Floats.padded(x, IN_OFF, TAIL), IN_OFF, y, OUT_OFF, n);
    for (int i = 0; i < n; i++) {
      assertEquals((float) ref[i], y[OUT_OFF + i], ctx + ": relu[" + i + "] of " + x[i]);
    }
    assertPadding(ctx + ", relu", y, OUT_OFF, n);

    float[] dy = k.dy();
    double[] refDx = new double[n];
    ActivationReference.reluBackward(Floats.doubles(x), 0, Floats.doubles(dy), 0, refDx, 0, n);
    float[] dx = Floats.output(OUT_OFF, n, TAIL);
    act.reluBackward(Floats.padded(x, IN_OFF, TAIL), IN_OFF, Floats.padded(dy, 1, TAIL), 1, dx,
        OUT_OFF, n);
    for (int i = 0; i < n; i++) {
      assertEquals((float) refDx[i], dx[OUT_OFF + i], ctx + ": relu backward[" + i + "] at " + x[i]);
    }
    assertPadding(ctx + ", relu backward", dx, OUT_OFF, n);
  }

  /** In place (output = input, same offset) gives the same bits as out of place. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void inPlaceEqualsOutOfPlace(Implementation impl, Case k) {
    Activations act = Kernels.activations(CTX, impl);
    int n = k.count();
    String ctx = impl + " " + k;
    float[] x = k.x();
    float[] dy = k.dy();
    float[] y = new float[n];
    act.sigmoidForward(x, 0, y, 0, n);
    float[] inPlace = x.clone();
    act.sigmoidForward(inPlace, 0, inPlace, 0, n);
    assertArrayEquals(y, inPlace, ctx + ": sigmoid in place");

    float[] dx = new float[n];
    act.sigmoidBackward(y, 0, dy, 0, dx, 0, n);
    float[] onY = y.clone();
    act.sigmoidBackward(onY, 0, dy, 0, onY, 0, n);
    assertArrayEquals(dx, onY, ctx + ": sigmoid backward into y");
    float[] onDy = dy.clone();
    act.sigmoidBackward(y, 0, onDy, 0, onDy, 0, n);
    assertArrayEquals(dx, onDy, ctx + ": sigmoid backward into dy");

    act.reluForward(x, 0, y, 0, n);
    inPlace = x.clone();
    act.reluForward(inPlace, 0, inPlace, 0, n);
    assertArrayEquals(y, inPlace, ctx + ": relu in place");
    act.reluBackward(x, 0, dy, 0, dx, 0, n);
    onDy = dy.clone();
    act.reluBackward(x, 0, onDy, 0, onDy, 0, n);
    assertArrayEquals(dx, onDy, ctx + ": relu backward into dy");
  }

  /** The Panama ReLU loops and sigmoid backward use the scalar loops' operations: the same bits. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void panamaAndScalarAgreeBitwiseBesideTheSigmoid(Implementation impl, Case k) {
    if (impl != Implementation.PANAMA) {
      return;
    }
    Activations panama = Kernels.activations(CTX, Implementation.PANAMA);
    Activations scalar = Kernels.activations(CTX, Implementation.SCALAR);
    int n = k.count();
    float[] x = k.x();
    float[] dy = k.dy();
    float[][] r = new float[6][n];
    panama.reluForward(x, 0, r[0], 0, n);
    scalar.reluForward(x, 0, r[1], 0, n);
    panama.reluBackward(x, 0, dy, 0, r[2], 0, n);
    scalar.reluBackward(x, 0, dy, 0, r[3], 0, n);
    panama.sigmoidBackward(x, 0, dy, 0, r[4], 0, n);
    scalar.sigmoidBackward(x, 0, dy, 0, r[5], 0, n);
    assertArrayEquals(r[1], r[0], k + ": relu");
    assertArrayEquals(r[3], r[2], k + ": relu backward");
    assertArrayEquals(r[5], r[4], k + ": sigmoid backward");
  }
}
