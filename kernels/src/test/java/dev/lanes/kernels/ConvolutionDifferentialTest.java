package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.kernels.conv.Convolutions;
import dev.lanes.reference.conv.Conv2dReference;
import dev.lanes.reference.conv.Conv2dShape;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every convolution pass of every implementation that runs in this JVM against the double oracle, over
 * the edge shapes of {@link ConvCase}. Each value may differ from the oracle by TOL times the sum of the
 * magnitudes of the products it adds (the oracle run on |x| and |w|), the bound float rounding allows.
 * Inputs and outputs sit at an offset inside larger arrays whose other elements must stay untouched.
 * Each case runs through the paths the implementation chooses and through its direct loops alone, so
 * that the loops a GEMM path takes over on small shapes stay tested on them.
 */
class ConvolutionDifferentialTest {
  private static final double TOL = 2e-5;
  private static final int OFF = 3;
  private static final float SENTINEL = -7.25f;
  private static final KernelContext CTX = new KernelContext(3);

  @AfterAll
  static void close() {
    CTX.close();
  }

  /** The convolution as the provider makes it, or without its GEMM paths. */
  enum Path {
    AS_CHOSEN,
    DIRECT_ONLY
  }

  static Stream<Arguments> cases() {
    return Implementations.runnable().stream().flatMap(impl -> Stream.of(Path.values())
        .flatMap(path -> ConvCase.all().stream().map(c -> Arguments.of(impl, path, c))));
  }

  private static Convolution conv(Implementation impl, Path path) {
    return path == Path.AS_CHOSEN
        ? Kernels.convolution(CTX, impl)
        : Convolutions.directOnly(CTX.workspace(), impl == Implementation.PANAMA);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void forwardMatchesTheOracle(Implementation impl, Path path, ConvCase k) {
    ConvShape s = k.shape();
    Conv2dShape os = k.oracleShape();
    float[] x = k.values(s.input().size(), 1);
    float[] w = k.values(s.weightSize(), 2);
    float[] bias = k.values(s.cout(), 3);
    for (boolean withBias : new boolean[] {true, false}) {
      float[] y = sentinels(s.output().size());
      conv(impl, path).forward(s, at(x), OFF, at(w), OFF, withBias ? at(bias) : null,
          OFF, y, OFF);
      double[] ref = new double[s.output().size()];
      double[] mag = new double[ref.length];
      Conv2dReference.forward(os, d(x), 0, d(w), withBias ? d(bias) : null, ref, 0);
      Conv2dReference.forward(os, abs(x), 0, abs(w), withBias ? abs(bias) : null, mag, 0);
      check(impl + " " + path + " " + k + " forward" + (withBias ? " with bias" : ""), y, ref, mag);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void backwardDataMatchesTheOracle(Implementation impl, Path path, ConvCase k) {
    ConvShape s = k.shape();
    Conv2dShape os = k.oracleShape();
    float[] dy = k.values(s.output().size(), 4);
    float[] w = k.values(s.weightSize(), 2);
    float[] dx = sentinels(s.input().size());
    conv(impl, path).backwardData(s, at(dy), OFF, at(w), OFF, dx, OFF);
    double[] ref = new double[s.input().size()];
    double[] mag = new double[ref.length];
    Conv2dReference.backwardData(os, d(dy), 0, d(w), ref, 0);
    Conv2dReference.backwardData(os, abs(dy), 0, abs(w), mag, 0);
    check(impl + " " + path + " " + k + " backwardData", dx, ref, mag);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void backwardWeightsMatchesTheOracle(Implementation impl, Path path, ConvCase k) {
    ConvShape s = k.shape();
    Conv2dShape os = k.oracleShape();
    float[] x = k.values(s.input().size(), 1);
    float[] dy = k.values(s.output().size(), 4);
    float[] dw = sentinels(s.weightSize());
    float[] dbias = sentinels(s.cout());
    conv(impl, path).backwardWeights(s, at(x), OFF, at(dy), OFF, dw, OFF, dbias, OFF);
    double[] refW = new double[s.weightSize()];
    double[] refB = new double[s.cout()];
    double[] magW = new double[refW.length];
    double[] magB = new double[refB.length];
    Conv2dReference.backwardWeights(os, d(x), 0, d(dy), 0, refW, refB);
    Conv2dReference.backwardWeights(os, abs(x), 0, abs(dy), 0, magW, magB);
    check(impl + " " + path + " " + k + " backwardWeights dw", dw, refW, magW);
    check(impl + " " + path + " " + k + " backwardWeights dbias", dbias, refB, magB);
  }

  /** values placed at OFF inside an array of sentinels. */
  private static float[] at(float[] values) {
    float[] a = sentinels(values.length);
    System.arraycopy(values, 0, a, OFF, values.length);
    return a;
  }

  private static float[] sentinels(int count) {
    float[] a = new float[count + OFF + 5];
    Arrays.fill(a, SENTINEL);
    return a;
  }

  private static double[] d(float[] f) {
    double[] r = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      r[i] = f[i];
    }
    return r;
  }

  private static double[] abs(float[] f) {
    double[] r = d(f);
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.abs(r[i]);
    }
    return r;
  }

  private static void check(String what, float[] got, double[] ref, double[] mag) {
    for (int i = 0; i < got.length; i++) {
      boolean inside = i >= OFF && i < OFF + ref.length;
      if (!inside) {
        if (got[i] != SENTINEL) {
          fail(what + ": wrote outside its span at index " + i + " (offset " + OFF + ", "
              + ref.length + " values): " + got[i]);
        }
        continue;
      }
      double r = ref[i - OFF];
      double err = Math.abs(got[i] - r);
      double bound = TOL * mag[i - OFF] + Float.MIN_NORMAL;
      if (!(err <= bound)) {
        fail(what + ": value " + (i - OFF) + " is " + got[i] + ", oracle " + r + " (error " + err
            + " > bound " + bound + ")");
      }
    }
  }
}
