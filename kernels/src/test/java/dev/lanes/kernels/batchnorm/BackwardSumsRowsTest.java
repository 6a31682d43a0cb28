package dev.lanes.kernels.batchnorm;

import static dev.lanes.kernels.batchnorm.LoopsUnderTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backward sums of a one-vector pattern over several rows (the Panama loop reads two rows side by
 * side, then a last odd row alone) against sums in double, for runs of whole vectors with and without
 * a scalar tail. With a ReLU the stored dz must land in each row's own place and nowhere else: the
 * elements between rows stay NaN. A row, offset or stride mixed up is off by whole values, far past
 * float rounding.
 */
class BackwardSumsRowsTest {
  private static final int X_OFF = 3;
  private static final int DY_OFF = 6;
  private static final int DZ_OFF = 9;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 1700;
    for (BatchNormLoops loops : LoopsUnderTest.implementations()) {
      int width = loops.patternLength(1);
      for (Activation act : new Activation[] {Activation.NONE, Activation.RELU}) {
        for (int vectors : new int[] {0, 1, 2, 3, 4, 5, 12, 13}) {
          for (int tail : IntStream.of(0, 1, width - 1).distinct().toArray()) {
            // rows back to back, and 5 apart (their starts then not vector-aligned to each other)
            for (int gap : new int[] {0, 5}) {
              if (vectors * width + tail > 0) {
                cases.add(Arguments.of(Named.of(loops.describe(), loops), act,
                    vectors * width + tail, gap, seed++));
              }
            }
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, {1}, runs of {2}, {3} apart, seed {4}")
  @MethodSource("cases")
  void rowsMatchDoubleSums(BatchNormLoops loops, Activation act, int len, int gap, long seed) {
    int l = loops.patternLength(1);
    int stride = len + gap;
    Random random = new Random(seed);
    Pattern p = new Pattern().resize(l);
    p.forward(0, 1, (float) random.nextGaussian(), (float) (1 + random.nextDouble()),
        (float) random.nextGaussian());
    for (int rows = 1; rows <= 5; rows++) {
      String where = loops.describe() + ", " + act + ", runs of " + len + ", stride " + stride + ", "
          + rows + " rows, seed " + seed;
      float[] x = values(random, X_OFF + rows * stride);
      float[] dy = values(random, DY_OFF + rows * stride);
      float[] dz = new float[DZ_OFF + rows * stride];
      Arrays.fill(dz, Float.NaN);
      float[] work = values(random, 2 * l);
      double[] expected = new double[2 * l];
      double[] magnitude = new double[2 * l];
      for (int j = 0; j < 2 * l; j++) {
        expected[j] = work[j];
        magnitude[j] = Math.abs(work[j]);
      }
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < len; i++) {
          int j = i % l;
          double d = (double) x[X_OFF + r * stride + i] - p.shift[j];
          double dzValue = reluDz(x, dy, p, r * stride + i, j, act);
          expected[j] += dzValue;
          magnitude[j] += Math.abs(dzValue);
          expected[l + j] += dzValue * d;
          magnitude[l + j] += Math.abs(dzValue * d);
        }
      }
      loops.backwardSums(x, X_OFF, dy, DY_OFF, rows, stride, len, p, act, work,
          act == Activation.NONE ? null : dz, DZ_OFF);
      for (int j = 0; j < 2 * l; j++) {
        double error = Math.abs(work[j] - expected[j]);
        assertTrue(error <= 1e-5 * magnitude[j] + 1e-30, where + ", slot " + j + ": expected "
            + expected[j] + ", actual " + work[j]);
      }
      if (act == Activation.RELU) {
        assertStoredDz(x, dy, dz, p, rows, stride, len, where);
      }
    }
  }

  private static void assertStoredDz(float[] x, float[] dy, float[] dz, Pattern p, int rows,
      int stride, int len, String where) {
    int l = p.length;
    for (int k = 0; k < dz.length; k++) {
      int r = (k - DZ_OFF) / stride;
      int i = (k - DZ_OFF) % stride;
      if (k < DZ_OFF || i >= len) {
        assertTrue(Float.isNaN(dz[k]), where + ": dz element " + k + " is outside every row but was "
            + dz[k]);
        continue;
      }
      float expected = reluDz(x, dy, p, r * stride + i, i % l, Activation.RELU);
      assertEquals(expected, dz[k], 0f, where + ", row " + r + ", element " + i);
    }
  }

  /** dz at element k of the rows (slot j) as the loops compute it: z = fma(x - shift, scale, bias). */
  private static float reluDz(float[] x, float[] dy, Pattern p, int k, int j, Activation act) {
    float g = dy[DY_OFF + k];
    if (act == Activation.NONE) {
      return g;
    }
    float z = Math.fma(x[X_OFF + k] - p.shift[j], p.scale[j], p.bias[j]);
    return z > 0 ? g : 0f;
  }
}
