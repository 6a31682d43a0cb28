package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.reference.Shape;
import dev.lanes.reference.batchnorm.BatchNormConfig;
import dev.lanes.reference.batchnorm.BatchNormReference;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NaN and infinite values against the oracle, in vector bodies and scalar tails alike. Forward:
 * with every activation, inference keeps a non-finite input's effect in its own element (NaN stays
 * NaN without an activation or with the sigmoid; the ReLU makes a NaN or -0 pre-activation exactly
 * +0), and forward training spreads a NaN or an infinity over its channel's statistics, whether it
 * is the channel's first value (the kernels' shift) or its last. Backward: a NaN dy spreads as in the
 * oracle, an infinite one into dbeta and the global-statistics dx as in the oracle; and with the fused
 * ReLU a NaN or infinite dy where the ReLU is off contributes exactly nothing, as the ReLU's gradient
 * selects dy rather than multiplying it. The shapes take NCHW run patterns (with a
 * single-vector remainder at 256 and 128 bits), NHWC patterns of one vector (C = 4 at every width,
 * C = 16 at 512 bits) and of several, and scalar tails.
 */
class BatchNormNonFiniteTest {
  private static final int[][] SHAPES = {
      {2, 3, 7, 9}, {3, 16, 8, 8}, {2, 17, 3, 3}, {16, 6, 24, 24}, {2, 64, 2, 3}, {8, 3, 3, 8},
      {8, 3, 3, 4}, {3, 4, 5, 7}, {5, 13, 1, 1},
  };
  private static final float[] NON_FINITE = {
      Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
  private static final KernelContext CTX = new KernelContext(3);

  @AfterAll
  static void close() {
    CTX.close();
  }

  /** Every shape in both layouts, except that a 2-D shape (H = W = 1) is the same in either. */
  static Stream<Arguments> cases() {
    List<Object[]> cases = new ArrayList<>();
    long seed = 9100;
    for (int[] d : SHAPES) {
      for (Layout layout : Layout.values()) {
        if (d[2] * d[3] > 1 || layout == Layout.NCHW) {
          cases.add(new Object[] {new TensorShape(d[0], d[1], d[2], d[3], layout), seed++});
        }
      }
    }
    return Implementations.runnable().stream()
        .flatMap(impl -> cases.stream().map(c -> Arguments.of(impl, c[0], c[1])));
  }

  @ParameterizedTest(name = "{0} {1}, seed {2}")
  @MethodSource("cases")
  void inferenceKeepsNonFiniteInputsAsTheOracle(Implementation impl, TensorShape s, long seed) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    Gen gen = new Gen(seed);
    Statistics st = new Statistics(gen, s.c());
    // Channel 0 gives z = -0 for x = -0, which the ReLU must make +0.
    st.mean[0] = 0;
    st.gamma[0] = 1;
    st.beta[0] = -0f;
    float[] x = BatchNormCase.floats(gen.normal(s.size(), 0.5, 2));
    for (int i = 0; i < x.length; i++) {
      int k = gen.between(0, 5);
      if (k < 2) {
        x[i] = nonFinite(gen);
      } else if (k == 2 && channel(s, i) == 0) {
        x[i] = -0f;
      }
    }
    for (Activation act : Activation.values()) {
      BatchNormParams p = BatchNormParams.keras().withActivation(act);
      String ctx = impl + " " + s + ", seed " + seed + ", " + act + ", inference";
      float[] y = new float[s.size()];
      bn.inference(s, x, 0, st.mean, st.var, st.gamma, st.beta, p, y, 0);
      double[] refY = new double[s.size()];
      BatchNormReference.inference(BatchNormCase.oracleShape(s), BatchNormCase.doubles(x), 0,
          BatchNormCase.doubles(st.mean), BatchNormCase.doubles(st.var),
          BatchNormCase.doubles(st.gamma), BatchNormCase.doubles(st.beta),
          BatchNormCase.oracleConfig(p), refY, 0);
      checkAgainst(ctx, y, refY, act);
    }
  }

  @ParameterizedTest(name = "{0} {1}, seed {2}")
  @MethodSource("cases")
  void forwardTrainingSpreadsANonFiniteValueOverItsChannelAsTheOracle(Implementation impl,
      TensorShape s, long seed) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    Gen gen = new Gen(seed);
    Statistics st = new Statistics(gen, s.c());
    float[] finite = BatchNormCase.floats(gen.normal(s.size(), 0.5, 2));
    forEachNonFiniteEnd(s, finite, (x, value, at, act) -> {
      BatchNormParams p = BatchNormParams.keras().withActivation(act);
      String ctx = impl + " " + s + ", seed " + seed + ", " + act + ", forward training, " + value
          + " at " + at;
      float[] y = new float[s.size()];
      bn.forwardTraining(s, x, 0, st.gamma, st.beta, null, null, p, y, 0, new double[s.c()],
          new double[s.c()]);
      double[] refY = new double[s.size()];
      BatchNormReference.forwardTraining(BatchNormCase.oracleShape(s), BatchNormCase.doubles(x), 0,
          BatchNormCase.doubles(st.gamma), BatchNormCase.doubles(st.beta), null, null,
          BatchNormCase.oracleConfig(p), refY, 0, null, null);
      checkAgainst(ctx, y, refY, act);
    });
  }

  /**
   * Both backward passes with a NaN or an infinite dy at a channel's first or last value, for every
   * activation: against the oracle, every gradient for a NaN, dbeta and the global-statistics dx for
   * an infinity. Not dgamma or the batch-statistics dx for an infinity: the kernels form them from
   * sums over (x - shift) and a correction, where Inf - Inf gives NaN and the oracle's order an
   * infinity (docs/batchnorm.md, "Numerics").
   */
  @ParameterizedTest(name = "{0} {1}, seed {2}")
  @MethodSource("cases")
  void backwardSpreadsANonFiniteDyAsTheOracle(Implementation impl, TensorShape s, long seed) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    Gen gen = new Gen(seed);
    Statistics st = new Statistics(gen, s.c());
    float[] x = BatchNormCase.floats(gen.normal(s.size(), 0.5, 2));
    BatchStatistics batch = new BatchStatistics(s, x);
    float[] finite = BatchNormCase.floats(gen.normal(s.size(), 0, 1));
    forEachNonFiniteEnd(s, finite, (dy, value, at, act) -> {
      BatchNormParams p = BatchNormParams.keras().withActivation(act);
      double[][] kernels = kernelGradients(bn, s, x, dy, st, batch.mean, batch.invStd, p);
      double[][] oracle = oracleGradients(s, x, dy, st, p);
      for (int g = 0; g < GRADIENTS.length; g++) {
        if (Float.isNaN(value) || GRADIENTS[g].endsWith("dbeta")
            || GRADIENTS[g].equals("global-statistics dx")) {
          checkAgainst(impl + " " + s + ", seed " + seed + ", " + act + ", dy " + value + " at "
              + at + ", " + GRADIENTS[g], BatchNormCase.floats(kernels[g]), oracle[g],
              Activation.NONE);
        }
      }
    });
  }

  /**
   * Runs the check for every activation on a copy of {@code finite} with one value of
   * {@link #NON_FINITE} as the first or the last value of the middle channel.
   */
  private static void forEachNonFiniteEnd(TensorShape s, float[] finite, NonFiniteCheck check) {
    for (float value : NON_FINITE) {
      for (boolean first : new boolean[] {true, false}) {
        float[] a = finite.clone();
        int at = channelEnd(s, s.c() / 2, first);
        a[at] = value;
        for (Activation act : Activation.values()) {
          check.run(a, value, at, act);
        }
      }
    }
  }

  private interface NonFiniteCheck {
    void run(float[] values, float value, int at, Activation act);
  }

  /**
   * Both backward passes with the fused ReLU, once with dy = 0 and once with NaN or an infinity
   * where the ReLU is clearly off (z below -0.5, so float and double agree, with the given
   * statistics of the global-statistics pass and the batch statistics of the training pass): every
   * output must keep its bits, in the kernels and in the oracle.
   */
  @ParameterizedTest(name = "{0} {1}, seed {2}")
  @MethodSource("cases")
  void reluBackwardIgnoresNonFiniteDyWhereTheReluIsOff(Implementation impl, TensorShape s,
      long seed) {
    BatchNorm bn = Kernels.batchNorm(CTX, impl);
    Gen gen = new Gen(seed);
    Statistics st = new Statistics(gen, s.c());
    st.beta[0] = -2; // so that the ReLU is off for most of channel 0 whatever the seed
    float[] x = BatchNormCase.floats(gen.normal(s.size(), 0.5, 2));
    BatchStatistics batch = new BatchStatistics(s, x);
    float[] dyZero = BatchNormCase.floats(gen.normal(s.size(), 0, 1));
    float[] dyNonFinite = dyZero.clone();
    int off = 0;
    for (int i = 0; i < x.length; i++) {
      int c = channel(s, i);
      double zGiven = st.gamma[c] * (x[i] - st.mean[c]) * st.invStd(c) + st.beta[c];
      double zBatch = st.gamma[c] * (x[i] - batch.mean[c]) * batch.invStd[c] + st.beta[c];
      if (zGiven < -0.5 && zBatch < -0.5) {
        dyZero[i] = 0;
        dyNonFinite[i] = nonFinite(gen);
        off++;
      }
    }
    assertTrue(off > 0, s + ", seed " + seed + ": no element where the ReLU is off");
    BatchNormParams p = BatchNormParams.keras().withActivation(Activation.RELU);
    String ctx = impl + " " + s + ", seed " + seed + ", " + off + " non-finite dy";
    assertSameBits(kernelGradients(bn, s, x, dyZero, st, batch.mean, batch.invStd, p),
        kernelGradients(bn, s, x, dyNonFinite, st, batch.mean, batch.invStd, p), ctx);
    assertSameBits(oracleGradients(s, x, dyZero, st, p), oracleGradients(s, x, dyNonFinite, st, p),
        ctx + ", oracle");
  }

  private static void checkAgainst(String ctx, float[] y, double[] refY, Activation act) {
    for (int i = 0; i < y.length; i++) {
      if (!matches(y[i], refY[i], act)) {
        fail(ctx + ": element " + i + " is " + y[i] + ", expected " + refY[i]);
      }
    }
  }

  /**
   * NaN where the oracle has NaN, the oracle's infinity where it has one, exactly +0 in both where
   * a ReLU gives 0, and near the oracle's other values (a NaN is never near; the differential test
   * bounds finite inputs closely). Near, not equal, at 0 otherwise: the Panama sigmoid of -Inf is
   * about 4e-39, as {@code PanamaMath.exp} clamps its argument.
   */
  private static boolean matches(float actual, double expected, Activation act) {
    if (Double.isNaN(expected)) {
      return Float.isNaN(actual);
    }
    if (Double.isInfinite(expected)) {
      return actual == expected;
    }
    if (act == Activation.RELU && expected == 0) {
      return Float.floatToRawIntBits(actual) == 0 && Double.doubleToRawLongBits(expected) == 0;
    }
    return Math.abs(actual - expected) <= 1e-4 * (1 + Math.abs(expected));
  }

  private static final String[] GRADIENTS = {
      "global-statistics dx", "global-statistics dgamma", "global-statistics dbeta", "dx", "dgamma",
      "dbeta"};

  /** Same bits (floats widened exactly) in each array of {@link #GRADIENTS}. */
  private static void assertSameBits(double[][] expected, double[][] actual, String ctx) {
    for (int k = 0; k < GRADIENTS.length; k++) {
      assertArrayEquals(expected[k], actual[k], ctx + ", " + GRADIENTS[k]);
    }
  }

  /** The {@link #GRADIENTS} of the kernels, widened to double. */
  private static double[][] kernelGradients(BatchNorm bn, TensorShape s, float[] x, float[] dy,
      Statistics st, double[] batchMean, double[] batchInvStd, BatchNormParams p) {
    float[][] g = {new float[s.size()], new float[s.c()], new float[s.c()], new float[s.size()],
        new float[s.c()], new float[s.c()]};
    bn.globalStatsBackward(s, x, 0, dy, 0, st.mean, st.var, st.gamma, st.beta, p, g[0], 0, g[1],
        g[2]);
    bn.backward(s, x, 0, dy, 0, st.gamma, st.beta, batchMean, batchInvStd, p, g[3], 0, g[4], g[5]);
    double[][] widened = new double[g.length][];
    for (int k = 0; k < g.length; k++) {
      widened[k] = BatchNormCase.doubles(g[k]);
    }
    return widened;
  }

  /** The {@link #GRADIENTS} of the oracle. */
  private static double[][] oracleGradients(TensorShape s, float[] x, float[] dy, Statistics st,
      BatchNormParams p) {
    Shape os = BatchNormCase.oracleShape(s);
    BatchNormConfig cfg = BatchNormCase.oracleConfig(p);
    double[] xd = BatchNormCase.doubles(x);
    double[] dyd = BatchNormCase.doubles(dy);
    double[] mean = BatchNormCase.doubles(st.mean);
    double[] gamma = BatchNormCase.doubles(st.gamma);
    double[] beta = BatchNormCase.doubles(st.beta);
    double[][] g = {new double[s.size()], new double[s.c()], new double[s.c()],
        new double[s.size()], new double[s.c()], new double[s.c()]};
    BatchNormReference.globalStatsBackward(os, xd, 0, dyd, 0, mean, BatchNormCase.doubles(st.var),
        gamma, beta, cfg, g[0], 0, g[1], g[2]);
    BatchNormReference.backward(os, xd, 0, dyd, 0, gamma, beta, cfg, g[3], 0, g[4], g[5]);
    return g;
  }

  /** Finite statistics and affine parameters; gamma of either sign, 0.5 to 1.5 in magnitude. */
  private static final class Statistics {
    final float[] mean;
    final float[] var;
    final float[] gamma;
    final float[] beta;

    Statistics(Gen gen, int c) {
      mean = BatchNormCase.floats(gen.normal(c, 0.5, 0.1));
      var = BatchNormCase.floats(gen.uniform(c, 3, 4));
      gamma = BatchNormCase.floats(gen.uniform(c, 0.5, 1.5));
      for (int q = 0; q < c; q++) {
        if (gen.between(0, 1) == 0) {
          gamma[q] = -gamma[q];
        }
      }
      beta = BatchNormCase.floats(gen.normal(c, 0, 1));
    }

    double invStd(int c) {
      return BatchNormNonFiniteTest.invStd(var[c]);
    }
  }

  /** The oracle's batch mean and 1 / sqrt(var + eps) of x, which backward takes as saved. */
  private static final class BatchStatistics {
    final double[] mean;
    final double[] invStd;

    BatchStatistics(TensorShape s, float[] x) {
      mean = new double[s.c()];
      double[] var = new double[s.c()];
      BatchNormReference.moments(BatchNormCase.oracleShape(s), BatchNormCase.doubles(x), 0, mean,
          var);
      invStd = new double[s.c()];
      for (int c = 0; c < s.c(); c++) {
        invStd[c] = invStd(var[c]);
      }
    }
  }

  /** 1 / sqrt(var + eps) with the Keras eps of every call here. */
  private static double invStd(double var) {
    return 1 / Math.sqrt(var + BatchNormParams.keras().eps());
  }

  /** The index of channel c's first value (of the first image) or its last (of the last image). */
  private static int channelEnd(TensorShape s, int c, boolean first) {
    int image = first ? 0 : s.n() - 1;
    int position = first ? 0 : s.spatial() - 1;
    return s.layout() == Layout.NCHW
        ? (image * s.c() + c) * s.spatial() + position
        : (image * s.spatial() + position) * s.c() + c;
  }

  private static int channel(TensorShape s, int i) {
    return s.layout() == Layout.NCHW ? i / s.spatial() % s.c() : i % s.c();
  }

  private static float nonFinite(Gen gen) {
    return NON_FINITE[gen.between(0, 2)];
  }
}
