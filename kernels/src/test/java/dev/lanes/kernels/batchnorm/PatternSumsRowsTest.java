package dev.lanes.kernels.batchnorm;

import static dev.lanes.kernels.batchnorm.LoopsUnderTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sums and backward sums of an interleaved pattern over several rows against sums in double, for
 * runs of whole patterns, a partial last pattern and a scalar tail. Where the pattern is longer than
 * four vectors (C = 17 and 256 at every width, 64 below 512 bits) the Panama sums read four rows side
 * by side, then the rows left one at a time; shorter patterns walk each row on its own. The values
 * outside the rows are NaN, so a loop that reads past a row, or mixes up the stride, poisons the
 * sums; with a ReLU the stored dz must land in each row's own place and nowhere else.
 */
class PatternSumsRowsTest {
  private static final int OFF = 5;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 2600;
    for (BatchNormLoops loops : LoopsUnderTest.implementations()) {
      int lanes = loops.patternLength(1);
      for (int channels : new int[] {3, 17, 64, 256}) {
        int l = loops.patternLength(channels);
        for (int len : new int[] {l, 3 * l, 3 * l + lanes, 2 * l + lanes + 1, 5 * l + lanes - 1}) {
          for (int gap : new int[] {0, 7}) {
            cases.add(Arguments.of(Named.of(loops.describe(), loops), channels, len, gap, seed++));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, C = {1}, runs of {2}, {3} apart, seed {4}")
  @MethodSource("cases")
  void sumsMatchDouble(BatchNormLoops loops, int channels, int len, int gap, long seed) {
    int l = loops.patternLength(channels);
    int stride = len + gap;
    Random random = new Random(seed);
    Pattern p = pattern(random, l, channels);
    for (int rows = 1; rows <= 9; rows++) {
      String where = loops.describe() + ", C = " + channels + ", runs of " + len + ", stride "
          + stride + ", " + rows + " rows, seed " + seed;
      float[] x = rows(random, rows, stride, len);
      float[] work = values(random, 2 * l);
      DoubleSums expected = new DoubleSums(work);
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < len; i++) {
          int j = i % l;
          double d = (double) x[OFF + r * stride + i] - p.shift[j];
          expected.add(j, d, d * d);
        }
      }
      loops.sums(x, OFF, rows, stride, len, p, work);
      expected.assertMatches(work, where);
    }
  }

  @ParameterizedTest(name = "{0}, C = {1}, runs of {2}, {3} apart, seed {4}")
  @MethodSource("cases")
  void backwardSumsMatchDouble(BatchNormLoops loops, int channels, int len, int gap, long seed) {
    int l = loops.patternLength(channels);
    int stride = len + gap;
    Random random = new Random(seed);
    Pattern p = pattern(random, l, channels);
    for (Activation act : new Activation[] {Activation.NONE, Activation.RELU}) {
      for (int rows = 1; rows <= 5; rows++) {
        String where = loops.describe() + ", " + act + ", C = " + channels + ", runs of " + len
            + ", stride " + stride + ", " + rows + " rows, seed " + seed;
        float[] x = rows(random, rows, stride, len);
        float[] dy = rows(random, rows, stride, len);
        float[] dz = new float[x.length];
        Arrays.fill(dz, Float.NaN);
        float[] work = values(random, 2 * l);
        DoubleSums expected = new DoubleSums(work);
        for (int r = 0; r < rows; r++) {
          for (int i = 0; i < len; i++) {
            int k = OFF + r * stride + i;
            int j = i % l;
            double d = (double) x[k] - p.shift[j];
            double g = dz(x[k], dy[k], p, j, act);
            expected.add(j, g, g * d);
          }
        }
        loops.backwardSums(x, OFF, dy, OFF, rows, stride, len, p, act, work,
            act == Activation.NONE ? null : dz, OFF);
        expected.assertMatches(work, where);
        for (int k = 0; k < dz.length && act == Activation.RELU; k++) {
          int i = (k - OFF) % stride;
          if (k < OFF || k >= OFF + rows * stride || i >= len) {
            assertTrue(Float.isNaN(dz[k]), where + ": dz element " + k + " is outside every row");
          } else {
            assertEquals(dz(x[k], dy[k], p, i % l, act), dz[k], 0f, where + ", element " + k);
          }
        }
      }
    }
  }

  /** A pattern of l slots for the channels, each with its own shift, scale and bias. */
  private static Pattern pattern(Random random, int l, int channels) {
    Pattern p = new Pattern().resize(l);
    for (int c = 0; c < channels; c++) {
      p.forward(c, channels, (float) random.nextGaussian(), (float) (1 + random.nextDouble()),
          (float) random.nextGaussian());
    }
    return p;
  }

  /** NaN everywhere but in the rows, which hold values. */
  private static float[] rows(Random random, int rows, int stride, int len) {
    float[] a = new float[OFF + rows * stride + 3];
    Arrays.fill(a, Float.NaN);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values(random, len), 0, a, OFF + r * stride, len);
    }
    return a;
  }

  /** dz as the loops compute it: dy, or dy where fma(x - shift, scale, bias) is positive. */
  private static float dz(float x, float dy, Pattern p, int j, Activation act) {
    if (act == Activation.NONE) {
      return dy;
    }
    return Math.fma(x - p.shift[j], p.scale[j], p.bias[j]) > 0 ? dy : 0f;
  }

  /** The slot sums in double, from the work array's starting values, with their magnitudes. */
  private static final class DoubleSums {
    private final int l;
    private final double[] sum;
    private final double[] magnitude;

    DoubleSums(float[] work) {
      l = work.length / 2;
      sum = new double[work.length];
      magnitude = new double[work.length];
      for (int j = 0; j < work.length; j++) {
        sum[j] = work[j];
        magnitude[j] = Math.abs(work[j]);
      }
    }

    /** Adds one value to slot j's first sum and one to its second. */
    void add(int j, double first, double second) {
      sum[j] += first;
      magnitude[j] += Math.abs(first);
      sum[l + j] += second;
      magnitude[l + j] += Math.abs(second);
    }

    void assertMatches(float[] work, String where) {
      for (int j = 0; j < work.length; j++) {
        double error = Math.abs(work[j] - sum[j]);
        assertTrue(error <= 1e-5 * magnitude[j] + 1e-30, where + ", slot " + j + ": expected "
            + sum[j] + ", actual " + work[j]);
      }
    }
  }
}
