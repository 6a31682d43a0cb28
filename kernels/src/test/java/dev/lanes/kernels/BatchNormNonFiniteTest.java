package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.reference.batchnorm.BatchNormReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs holding NaN and infinities against the oracle, with every activation: a NaN pre-activation
 * stays NaN without an activation or with the sigmoid, and the ReLU makes it +0 (the oracle's
 * {@code z > 0 ? z : 0}), in vector bodies and scalar tails alike. The shapes put elements in
 * one-vector, several-vector and run patterns and in tails at every width. In inference the
 * statistics are finite, so each non-finite element stays in its place; in forward training a NaN
 * makes its channel's statistics NaN, so the whole channel goes through the activation as NaN.
 */
class BatchNormNonFiniteTest {
  private static final int[][] SHAPES = {
      {2, 3, 7, 9}, {3, 16, 8, 8}, {2, 17, 3, 3}, {16, 6, 24, 24}, {2, 64, 2, 3}, {5, 13, 1, 1},
  };
  private static final Activation[] ACTIVATIONS = Activation.values();
  private static final KernelContext CTX = new KernelContext(3);

  @AfterAll
  static void close() {
    CTX.close();
  }

  static Stream<Arguments> cases() {
    List<Object[]> cases = new ArrayList<>();
    long seed = 9100;
    for (int[] d : SHAPES) {
      for (Layout layout : Layout.values()) {
        cases.add(new Object[] {new TensorShape(d[0], d[1], d[2], d[3], layout), seed++});
      }
    }
    return Implementations.runnable().stream()
        .flatMap(impl -> cases.stream().map(c -> Arguments.of(impl, c[0], c[1])));
  }

  @ParameterizedTest(name = "{0} {1}, seed {2}")
  @MethodSource("cases")
  void inferenceKeepsNonFiniteInputsAsTheOracle(Implementation impl, TensorShape s, long seed) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    Random random = new Random(seed);
    float[] x = withNonFinite(random, s.size());
    float[] mean = values(random, s.c(), 0.5, 0.1);
    float[] var = values(random, s.c(), 0, 1);
    for (int c = 0; c < s.c(); c++) {
      var[c] = 1 + var[c] * var[c];
    }
    float[] gamma = signedAwayFromZero(random, s.c());
    float[] beta = values(random, s.c(), 0, 1);
    for (Activation act : ACTIVATIONS) {
      BatchNormParams p = BatchNormParams.keras().withActivation(act);
      String ctx = impl + " " + s + ", seed " + seed + ", " + act + ", inference";
      float[] y = new float[s.size()];
      bn.inference(s, x, 0, mean, var, gamma, beta, p, y, 0);
      double[] refY = new double[s.size()];
      BatchNormReference.inference(oracleShape(s), BatchNormCase.doubles(x), 0,
          BatchNormCase.doubles(mean), BatchNormCase.doubles(var), BatchNormCase.doubles(gamma),
          BatchNormCase.doubles(beta), BatchNormCase.oracleConfig(p), refY, 0);
      checkAgainst(ctx, y, refY);
    }
  }

  @ParameterizedTest(name = "{0} {1}, seed {2}")
  @MethodSource("cases")
  void forwardTrainingSpreadsANaNOverItsChannelAsTheOracle(Implementation impl, TensorShape s,
      long seed) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    Random random = new Random(seed);
    float[] x = values(random, s.size(), 0.5, 2);
    int nanChannel = s.c() / 2;
    int at = s.layout() == Layout.NCHW
        ? (s.n() - 1) * s.c() * s.spatial() + nanChannel * s.spatial() + s.spatial() - 1
        : s.size() - s.c() + nanChannel;
    x[at] = Float.NaN;
    float[] gamma = signedAwayFromZero(random, s.c());
    float[] beta = values(random, s.c(), 0, 1);
    for (Activation act : ACTIVATIONS) {
      BatchNormParams p = BatchNormParams.keras().withActivation(act);
      String ctx = impl + " " + s + ", seed " + seed + ", " + act + ", forward training, NaN at "
          + at;
      float[] y = new float[s.size()];
      bn.forwardTraining(s, x, 0, gamma, beta, null, null, p, y, 0, new double[s.c()],
          new double[s.c()]);
      double[] refY = new double[s.size()];
      BatchNormReference.forwardTraining(oracleShape(s), BatchNormCase.doubles(x), 0,
          BatchNormCase.doubles(gamma), BatchNormCase.doubles(beta), null, null,
          BatchNormCase.oracleConfig(p), refY, 0, null, null);
      checkAgainst(ctx, y, refY);
    }
  }

  /**
   * NaN where the oracle has NaN, the oracle's infinity where it has one, and near its finite values
   * (a NaN is never near; the differential test bounds finite inputs closely). Near, not equal, at
   * 0: the Panama sigmoid of -Inf is about 4e-39, as {@code PanamaMath.exp} clamps its argument.
   */
  private static void checkAgainst(String ctx, float[] y, double[] refY) {
    for (int i = 0; i < y.length; i++) {
      double expected = refY[i];
      boolean ok = Double.isNaN(expected) ? Float.isNaN(y[i])
          : Double.isInfinite(expected) ? y[i] == expected
          : Math.abs(y[i] - expected) <= 1e-4 * (1 + Math.abs(expected));
      if (!ok) {
        fail(ctx + ": element " + i + " is " + y[i] + ", expected " + expected);
      }
    }
  }

  /** Normal values with NaN, +Inf and -Inf mixed in at irregular places. */
  private static float[] withNonFinite(Random random, int n) {
    float[] x = values(random, n, 0.5, 2);
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(8);
      if (k == 0) {
        x[i] = Float.NaN;
      } else if (k == 1) {
        x[i] = Float.POSITIVE_INFINITY;
      } else if (k == 2) {
        x[i] = Float.NEGATIVE_INFINITY;
      }
    }
    return x;
  }

  private static float[] values(Random random, int n, double mean, double std) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (mean + std * random.nextGaussian());
    }
    return a;
  }

  /** gamma of either sign and magnitude 0.5 to 1.5, so an infinite xhat stays infinite. */
  private static float[] signedAwayFromZero(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) ((random.nextBoolean() ? 1 : -1) * (0.5 + random.nextDouble()));
    }
    return a;
  }

  private static dev.lanes.reference.Shape oracleShape(TensorShape s) {
    return new dev.lanes.reference.Shape(s.n(), s.c(), s.h(), s.w(),
        dev.lanes.reference.Layout.valueOf(s.layout().name()));
  }
}
