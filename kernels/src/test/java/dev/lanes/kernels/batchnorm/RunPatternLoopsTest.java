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
 * The run-pattern loops (an image's planes in one call) against the same loops called plane by plane,
 * bit for bit: both add each plane's values in the same order (and a run pattern's sums add each
 * plane's sums to the running ones, as the reference here does). Planes of 1, 2, 3, 4, 5, 12, 13 and 17
 * vectors reach every combination of the unrolled bodies (eight, four and two vectors a step) and the
 * single vectors at every width; planes of 4 vectors reach the straight-line loops of runs of four
 * vectors; the streamed shapes of the differential test reach only some. Run
 * sums over several rows (the Panama loop takes four side by side) and run backward sums (which have
 * no plane-by-plane loop to match: that one reads two rows side by side) are checked against double
 * sums within float rounding instead.
 */
class RunPatternLoopsTest {
  private static final int IMAGES = 3;
  /** Offsets of dz and of the outputs, unlike x's (0): a loop that mixes them up fails. */
  private static final int DZ_OFF = 5;
  /** x's offset in the several-row sums, so that a row's start counts from it. */
  private static final int X_OFF = 3;
  private static final int OUT_OFF = 11;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 900;
    for (BatchNormLoops loops : LoopsUnderTest.implementations()) {
      for (int channels : new int[] {1, 3}) {
        for (int vectors : new int[] {1, 2, 3, 4, 5, 12, 13, 17}) {
          cases.add(Arguments.of(Named.of(loops.describe(), loops), channels, vectors, seed++));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, C = {1}, {2} vectors per plane, seed {3}")
  @MethodSource("cases")
  void runPatternsMatchPlaneByPlane(BatchNormLoops loops, int channels, int vectors, long seed) {
    int width = loops.patternLength(1);
    int plane = vectors * width;
    int image = channels * plane;
    Random random = new Random(seed);
    float[] x = values(random, IMAGES * image);
    float[] dz = values(random, DZ_OFF + IMAGES * image);
    Pattern runs = new Pattern().resizeRuns(channels, width, plane);
    Pattern[] planes = new Pattern[channels];
    for (int q = 0; q < channels; q++) {
      float[] f = values(random, 8);
      runs.forward(q, channels, f[0], f[1], f[2]);
      runs.backward(q, channels, f[3], f[4], f[5], f[6], f[7]);
      planes[q] = new Pattern().resize(width);
      planes[q].forward(0, 1, f[0], f[1], f[2]);
      planes[q].backward(0, 1, f[3], f[4], f[5], f[6], f[7]);
    }
    String where = loops.describe() + ", C = " + channels + ", plane " + plane + ", seed " + seed;

    float[] workRuns = new float[2 * channels * width];
    float[][] workPlanes = new float[channels][2 * width];
    float[] planeSums = new float[2 * width];
    for (int n = 0; n < IMAGES; n++) {
      loops.sums(x, n * image, 1, 0, image, runs, workRuns);
      for (int q = 0; q < channels; q++) {
        Arrays.fill(planeSums, 0f);
        loops.sums(x, n * image + q * plane, 1, 0, plane, planes[q], planeSums);
        for (int i = 0; i < 2 * width; i++) {
          workPlanes[q][i] += planeSums[i];
        }
      }
    }
    for (int q = 0; q < channels; q++) {
      for (int i = 0; i < width; i++) {
        assertBits(workPlanes[q][i], workRuns[q * width + i], where + ", sum, channel " + q);
        assertBits(workPlanes[q][width + i], workRuns[channels * width + q * width + i],
            where + ", sum of squares, channel " + q);
      }
    }

    for (Activation act : new Activation[] {Activation.NONE, Activation.RELU}) {
      float[] byRuns = new float[OUT_OFF + x.length];
      float[] byPlanes = new float[OUT_OFF + x.length];
      for (int n = 0; n < IMAGES; n++) {
        loops.normalize(x, n * image, byRuns, OUT_OFF + n * image, 1, 0, image, runs, act);
        for (int q = 0; q < channels; q++) {
          int at = n * image + q * plane;
          loops.normalize(x, at, byPlanes, OUT_OFF + at, 1, 0, plane, planes[q], act);
        }
      }
      assertAllBits(byPlanes, byRuns, where + ", normalize " + act);
    }

    float[] byRuns = new float[OUT_OFF + x.length];
    float[] byPlanes = new float[OUT_OFF + x.length];
    for (int n = 0; n < IMAGES; n++) {
      int at = n * image;
      loops.backward(x, at, dz, DZ_OFF + at, byRuns, OUT_OFF + at, 1, 0, image, runs);
      for (int q = 0; q < channels; q++, at += plane) {
        loops.backward(x, at, dz, DZ_OFF + at, byPlanes, OUT_OFF + at, 1, 0, plane, planes[q]);
      }
    }
    assertAllBits(byPlanes, byRuns, where + ", backward");
  }

  /**
   * A run-pattern sums call over several rows (images; the Panama loop takes four at a time side by side,
   * then the rest one by one) against sums in double: a row, plane or slot mixed up is off by whole
   * values, far past float rounding.
   */
  @ParameterizedTest(name = "{0}, C = {1}, {2} vectors per plane, seed {3}")
  @MethodSource("cases")
  void runSumsOverSeveralRowsMatchDoubleSums(BatchNormLoops loops, int channels, int vectors,
      long seed) {
    int width = loops.patternLength(1);
    int plane = vectors * width;
    int image = channels * plane + 7;
    Random random = new Random(seed);
    Pattern runs = new Pattern().resizeRuns(channels, width, plane);
    for (int q = 0; q < channels; q++) {
      runs.forward(q, channels, (float) random.nextGaussian(), 1f, 0f);
    }
    for (int rows = 1; rows <= 9; rows++) {
      float[] x = values(random, X_OFF + rows * image);
      float[] work = values(random, 2 * channels * width);
      double[] expected = new double[work.length];
      double[] magnitude = new double[work.length];
      for (int j = 0; j < work.length; j++) {
        expected[j] = work[j];
        magnitude[j] = Math.abs(work[j]);
      }
      for (int r = 0; r < rows; r++) {
        for (int q = 0; q < channels; q++) {
          for (int i = 0; i < plane; i++) {
            int j = q * width + i % width;
            double d = (double) x[X_OFF + r * image + q * plane + i] - runs.shift[j];
            expected[j] += d;
            magnitude[j] += Math.abs(d);
            expected[channels * width + j] += d * d;
            magnitude[channels * width + j] += d * d;
          }
        }
      }
      loops.sums(x, X_OFF, rows, image, channels * plane, runs, work);
      for (int j = 0; j < work.length; j++) {
        double error = Math.abs(work[j] - expected[j]);
        assertTrue(error <= 1e-5 * magnitude[j], loops.describe() + ", C = " + channels + ", plane "
            + plane + ", " + rows + " rows, seed " + seed + ", slot " + j + ": expected "
            + expected[j] + ", actual " + work[j]);
      }
    }
  }

  /**
   * A run-pattern backward sums call over several rows (images, one by one) against sums in double,
   * without an activation and with a fused ReLU, whose dz must land in dz's array at dy's offsets: a
   * row, plane, slot or offset mixed up is off by whole values. The ReLU's choice is checked where z
   * lies clear of 0; the loops may round z differently (fused or not) right at it.
   */
  @ParameterizedTest(name = "{0}, C = {1}, {2} vectors per plane, seed {3}")
  @MethodSource("cases")
  void runBackwardSumsOverSeveralRowsMatchDoubleSums(BatchNormLoops loops, int channels,
      int vectors, long seed) {
    int width = loops.patternLength(1);
    int plane = vectors * width;
    int image = channels * plane + 7;
    Random random = new Random(seed);
    Pattern runs = new Pattern().resizeRuns(channels, width, plane);
    for (int q = 0; q < channels; q++) {
      float[] f = values(random, 3);
      runs.forward(q, channels, f[0], f[1], f[2]);
    }
    for (Activation act : new Activation[] {Activation.NONE, Activation.RELU}) {
      for (int rows = 1; rows <= 5; rows++) {
        float[] x = values(random, X_OFF + rows * image);
        float[] dy = values(random, DZ_OFF + rows * image);
        float[] dz = act == Activation.NONE ? null : new float[OUT_OFF + rows * image];
        float[] work = values(random, 2 * channels * width);
        double[] expected = new double[work.length];
        double[] magnitude = new double[work.length];
        for (int j = 0; j < work.length; j++) {
          expected[j] = work[j];
          magnitude[j] = Math.abs(work[j]);
        }
        loops.backwardSums(x, X_OFF, dy, DZ_OFF, rows, image, channels * plane, runs, act, work,
            dz, OUT_OFF);
        String where = loops.describe() + ", C = " + channels + ", plane " + plane + ", " + rows
            + " rows, " + act + ", seed " + seed;
        for (int r = 0; r < rows; r++) {
          for (int q = 0; q < channels; q++) {
            for (int i = 0; i < plane; i++) {
              int at = r * image + q * plane + i;
              int j = q * width + i % width;
              double d = (double) x[X_OFF + at] - runs.shift[j];
              double g = dy[DZ_OFF + at];
              if (act == Activation.RELU) {
                double z = d * runs.scale[j] + runs.bias[j];
                float stored = dz[OUT_OFF + at];
                if (Math.abs(z) > 1e-3) {
                  assertEquals(z > 0 ? (float) g : 0f, stored, where + ", dz at " + at);
                } else {
                  assertTrue(stored == (float) g || stored == 0f, where + ", dz at " + at);
                }
                g = stored;
              }
              expected[j] += g;
              magnitude[j] += Math.abs(g);
              expected[channels * width + j] += g * d;
              magnitude[channels * width + j] += Math.abs(g * d);
            }
          }
        }
        for (int j = 0; j < work.length; j++) {
          double error = Math.abs(work[j] - expected[j]);
          assertTrue(error <= 1e-5 * magnitude[j], where + ", slot " + j + ": expected "
              + expected[j] + ", actual " + work[j]);
        }
      }
    }
  }

  private static void assertAllBits(float[] expected, float[] actual, String where) {
    for (int i = 0; i < expected.length; i++) {
      assertBits(expected[i], actual[i], where + ", element " + i);
    }
  }

  private static void assertBits(float expected, float actual, String where) {
    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
        () -> where + ": expected " + expected + ", actual " + actual);
  }
}
