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
 * The normalize and dx passes over an interleaved pattern of several vectors against the same
 * formula element by element, for rows shorter than one pattern, of whole patterns, and with a
 * partial last pattern and a scalar tail. The channel counts give patterns of one to sixty-four
 * vectors (three, four, eight and seventeen among them) across the widths, so the Panama dx loop
 * takes each of its walks (vector by vector, four vectors a straight step, pattern by pattern) at
 * every width. Every element must match the formula in double within a few float roundings of its
 * terms, so a value computed with another slot's coefficients or read from another element fails,
 * and elements outside the rows must stay NaN.
 */
class PatternPassesTest {
  private static final int OFF = 3;
  /** Where dz starts, apart from x, so a loop that reads dz at x's offset fails. */
  private static final int DZ_OFF = 6;
  /**
   * Eight float roundings (2^-24 each) of the magnitudes of the terms: the scalar dx rounds seven
   * times (it does not fuse), the Panama one four times.
   */
  private static final double ROUNDING = 0x1p-21;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 4100;
    for (BatchNormLoops loops : LoopsUnderTest.implementations()) {
      int lanes = loops.patternLength(1);
      for (int channels : new int[] {3, 16, 17, 32, 64, 256}) {
        int l = loops.patternLength(channels);
        for (int len : new int[] {l - 1, l, 3 * l, 3 * l + lanes, 2 * l + lanes + 1,
            3 * l + 2 * lanes + 1, 5 * l + lanes - 1}) {
          cases.add(Arguments.of(Named.of(loops.describe(), loops), channels, len, seed++));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, C = {1}, rows of {2}, seed {3}")
  @MethodSource("cases")
  void normalizeMatchesFormula(BatchNormLoops loops, int channels, int len, long seed) {
    int l = loops.patternLength(channels);
    Random random = new Random(seed);
    Pattern p = pattern(random, l, channels);
    for (Activation act : new Activation[] {Activation.NONE, Activation.RELU}) {
      for (int rows = 1; rows <= 3; rows++) {
        int stride = len + 5;
        String where = loops.describe() + ", " + act + ", C = " + channels + ", " + rows
            + " rows of " + len + ", seed " + seed;
        float[] x = rows(random, OFF, rows, stride, len);
        float[] y = new float[x.length + 2];
        Arrays.fill(y, Float.NaN);
        loops.normalize(x, OFF, y, OFF + 2, rows, stride, len, p, act);
        checkRows(y, OFF + 2, rows, stride, len, l, where, (e, j) -> {
          double scaled = ((double) x[OFF + e] - p.shift[j]) * p.scale[j];
          double z = scaled + p.bias[j];
          double expected = act == Activation.RELU ? Math.max(z, 0) : z;
          double bound = ROUNDING * (Math.abs(scaled) + Math.abs(p.bias[j]));
          assertEquals(expected, y[OFF + 2 + e], bound, where + ", element " + e + ", slot " + j);
        });
      }
    }
  }

  @ParameterizedTest(name = "{0}, C = {1}, rows of {2}, seed {3}")
  @MethodSource("cases")
  void dxMatchesFormula(BatchNormLoops loops, int channels, int len, long seed) {
    int l = loops.patternLength(channels);
    Random random = new Random(seed);
    Pattern p = pattern(random, l, channels);
    for (int rows = 1; rows <= 3; rows++) {
      int stride = len + 5;
      String where = loops.describe() + ", C = " + channels + ", " + rows + " rows of " + len
          + ", seed " + seed;
      float[] x = rows(random, OFF, rows, stride, len);
      float[] dz = rows(random, DZ_OFF, rows, stride, len);
      float[] dx = new float[x.length + 1];
      Arrays.fill(dx, Float.NaN);
      loops.backward(x, OFF, dz, DZ_OFF, dx, OFF + 1, rows, stride, len, p);
      checkRows(dx, OFF + 1, rows, stride, len, l, where, (e, j) -> {
        double d = (double) x[OFF + e] - p.shift[j];
        double xhat = d * p.invStd[j] + p.xhatShift[j];
        float dzValue = dz[DZ_OFF + e];
        double expected = (double) dzValue * p.a[j] + xhat * p.b[j] + p.c[j];
        double terms = Math.abs(dzValue * p.a[j]) + Math.abs(p.c[j])
            + Math.abs(p.b[j]) * (Math.abs(d * p.invStd[j]) + Math.abs(p.xhatShift[j]));
        assertEquals(expected, dx[OFF + 1 + e], ROUNDING * terms,
            where + ", element " + e + ", slot " + j);
      });
    }
  }

  /** Checks the rows (from off on, stride apart) element by element; the rest must stay NaN. */
  private static void checkRows(float[] out, int off, int rows, int stride, int len, int l,
      String where, ElementCheck check) {
    for (int k = 0; k < out.length; k++) {
      int i = (k - off) % stride;
      if (k < off || k >= off + rows * stride || i >= len) {
        assertTrue(Float.isNaN(out[k]), where + ": output element " + k + " is outside every row");
      } else {
        check.at(k - off, i % l);
      }
    }
  }

  /** Checks element e of the rows (row r's element i is r * stride + i), of pattern slot j. */
  private interface ElementCheck {
    void at(int e, int j);
  }

  /** A pattern of l slots for the channels, each with its own forward and backward coefficients. */
  private static Pattern pattern(Random random, int l, int channels) {
    Pattern p = new Pattern().resize(l);
    for (int c = 0; c < channels; c++) {
      p.forward(c, channels, (float) random.nextGaussian(), (float) (1 + random.nextDouble()),
          (float) random.nextGaussian());
      p.backward(c, channels, (float) (1 + random.nextDouble()), (float) random.nextGaussian(),
          (float) random.nextGaussian(), (float) random.nextGaussian(),
          (float) random.nextGaussian());
    }
    return p;
  }

  /** NaN everywhere but in the rows from off on, which hold values. */
  private static float[] rows(Random random, int off, int rows, int stride, int len) {
    float[] a = new float[off + rows * stride + 3];
    Arrays.fill(a, Float.NaN);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values(random, len), 0, a, off + r * stride, len);
    }
    return a;
  }
}
