package dev.lanes.kernels.dense;

import static dev.lanes.kernels.Floats.assertPadding;
import static dev.lanes.kernels.Floats.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.Dense;
import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.reference.dense.DenseReference;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three products of every dense implementation that can run in this JVM against the double oracle.
 * Each element may differ from the oracle by {@value #TOL} of the sum of the magnitudes of its terms
 * (the oracle run on |x|, |W|, |b|): a float dot product of K terms errs by about sqrt(K) ulps of that
 * sum. Operands sit at offsets inside padded arrays, and outputs start out filled with a sentinel, so a
 * stray write or an accumulation onto old contents fails.
 */
class DenseDifferentialTest {
  private static final double TOL = 1e-5;
  private static final int X_OFF = 3;
  private static final int W_OFF = 5;
  private static final int B_OFF = 2;
  private static final int OUT_OFF = 7;
  private static final int TAIL = 11;
  private static final KernelContext CTX = new KernelContext(3);

  @AfterAll
  static void close() {
    CTX.close();
  }

  static Stream<Arguments> cases() {
    return Implementations.withEach(DenseCase.all());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void forwardMatchesTheOracle(Implementation impl, DenseCase k) {
    Dense dense = Kernels.dense(CTX, impl);
    int n = k.n();
    int in = k.in();
    int out = k.out();
    float[] x = k.x();
    float[] w = k.w();
    float[] b = k.b();
    double[] ref = new double[n * out];
    double[] scale = new double[n * out];
    DenseReference.forward(n, in, out, Floats.doubles(x), 0, Floats.doubles(w), Floats.doubles(b),
        ref, 0);
    DenseReference.forward(n, in, out, Floats.abs(Floats.doubles(x)), 0,
        Floats.abs(Floats.doubles(w)), Floats.abs(Floats.doubles(b)), scale, 0);
    double[] refNoBias = new double[n * out];
    DenseReference.forward(n, in, out, Floats.doubles(x), 0, Floats.doubles(w), null, refNoBias, 0);

    float[] xp = Floats.padded(x, X_OFF, TAIL);
    float[] wp = Floats.padded(w, W_OFF, TAIL);
    float[] bp = Floats.padded(b, B_OFF, TAIL);
    float[] y = Floats.output(OUT_OFF, n * out, TAIL);
    dense.forward(n, in, out, xp, X_OFF, wp, W_OFF, bp, B_OFF, y, OUT_OFF);
    check(impl + " " + k + ", forward y", y, OUT_OFF, ref, scale);
    assertPadding(impl + " " + k + ", forward y", y, OUT_OFF, n * out);

    Arrays.fill(y, Floats.SENTINEL);
    dense.forward(n, in, out, xp, X_OFF, wp, W_OFF, null, 0, y, OUT_OFF);
    check(impl + " " + k + ", forward y without bias", y, OUT_OFF, refNoBias, scale);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void backwardMatchesTheOracle(Implementation impl, DenseCase k) {
    Dense dense = Kernels.dense(CTX, impl);
    int n = k.n();
    int in = k.in();
    int out = k.out();
    float[] x = k.x();
    float[] w = k.w();
    float[] dy = k.dy();
    double[] refDx = new double[n * in];
    double[] refDw = new double[in * out];
    double[] refDb = new double[out];
    DenseReference.backward(n, in, out, Floats.doubles(x), 0, Floats.doubles(w),
        Floats.doubles(dy), 0, refDx, 0, refDw, refDb);
    double[] scaleDx = new double[n * in];
    double[] scaleDw = new double[in * out];
    double[] scaleDb = new double[out];
    DenseReference.backward(n, in, out, Floats.abs(Floats.doubles(x)), 0,
        Floats.abs(Floats.doubles(w)), Floats.abs(Floats.doubles(dy)), 0, scaleDx, 0, scaleDw,
        scaleDb);

    String ctx = impl + " " + k;
    float[] xp = Floats.padded(x, X_OFF, TAIL);
    float[] wp = Floats.padded(w, W_OFF, TAIL);
    float[] dyp = Floats.padded(dy, B_OFF, TAIL);
    float[] dx = Floats.output(OUT_OFF, n * in, TAIL);
    dense.backwardData(n, in, out, dyp, B_OFF, wp, W_OFF, dx, OUT_OFF);
    check(ctx + ", dx", dx, OUT_OFF, refDx, scaleDx);
    assertPadding(ctx + ", dx", dx, OUT_OFF, n * in);

    float[] dw = Floats.output(OUT_OFF, in * out, TAIL);
    float[] db = Floats.output(X_OFF, out, TAIL);
    dense.backwardWeights(n, in, out, xp, X_OFF, dyp, B_OFF, dw, OUT_OFF, db, X_OFF);
    check(ctx + ", dw", dw, OUT_OFF, refDw, scaleDw);
    check(ctx + ", db", db, X_OFF, refDb, scaleDb);
    assertPadding(ctx + ", dw", dw, OUT_OFF, in * out);
    assertPadding(ctx + ", db", db, X_OFF, out);

    float[] dwAlone = Floats.output(OUT_OFF, in * out, TAIL);
    dense.backwardWeights(n, in, out, xp, X_OFF, dyp, B_OFF, dwAlone, OUT_OFF, null, 0);
    assertArrayEquals(dw, dwAlone, ctx + ": dw without db");
  }

  /**
   * A row's results do not depend on where it falls in a register tile or block: row r of a batch
   * equals the same row computed alone, bit for bit.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rowsDoNotDependOnTheirTile(Implementation impl, DenseCase k) {
    Dense dense = Kernels.dense(CTX, impl);
    int n = k.n();
    int in = k.in();
    int out = k.out();
    float[] x = k.x();
    float[] w = k.w();
    float[] b = k.b();
    float[] dy = k.dy();
    float[] y = new float[n * out];
    float[] dx = new float[n * in];
    dense.forward(n, in, out, x, 0, w, 0, b, 0, y, 0);
    dense.backwardData(n, in, out, dy, 0, w, 0, dx, 0);
    float[] yRow = new float[out];
    float[] dxRow = new float[in];
    for (int r : new int[] {0, n / 2, n - 1}) {
      dense.forward(1, in, out, x, r * in, w, 0, b, 0, yRow, 0);
      dense.backwardData(1, in, out, dy, r * out, w, 0, dxRow, 0);
      assertArrayEquals(Arrays.copyOfRange(y, r * out, (r + 1) * out), yRow,
          impl + " " + k + ": y row " + r);
      assertArrayEquals(Arrays.copyOfRange(dx, r * in, (r + 1) * in), dxRow,
          impl + " " + k + ": dx row " + r);
    }
  }

  /** All operands at disjoint spans of one array (a parameter and activation arena): the same bits. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void operandsMayShareAnArrayAtDisjointSpans(Implementation impl, DenseCase k) {
    Dense dense = Kernels.dense(CTX, impl);
    int n = k.n();
    int in = k.in();
    int out = k.out();
    float[] x = k.x();
    float[] w = k.w();
    float[] b = k.b();
    float[] dy = k.dy();
    float[] y = new float[n * out];
    float[] dx = new float[n * in];
    float[] dw = new float[in * out];
    float[] db = new float[out];
    dense.forward(n, in, out, x, 0, w, 0, b, 0, y, 0);
    dense.backwardData(n, in, out, dy, 0, w, 0, dx, 0);
    dense.backwardWeights(n, in, out, x, 0, dy, 0, dw, 0, db, 0);

    // arena: x | w | b | dy | y | dx | dw | db
    int[] at = new int[9];
    int[] len = {n * in, in * out, out, n * out, n * out, n * in, in * out, out};
    for (int i = 0; i < 8; i++) {
      at[i + 1] = at[i] + len[i];
    }
    float[] arena = new float[at[8]];
    System.arraycopy(x, 0, arena, at[0], len[0]);
    System.arraycopy(w, 0, arena, at[1], len[1]);
    System.arraycopy(b, 0, arena, at[2], len[2]);
    System.arraycopy(dy, 0, arena, at[3], len[3]);
    dense.forward(n, in, out, arena, at[0], arena, at[1], arena, at[2], arena, at[4]);
    dense.backwardData(n, in, out, arena, at[3], arena, at[1], arena, at[5]);
    dense.backwardWeights(n, in, out, arena, at[0], arena, at[3], arena, at[6], arena, at[7]);
    String ctx = impl + " " + k + ", in one array: ";
    assertArrayEquals(y, Arrays.copyOfRange(arena, at[4], at[5]), ctx + "y");
    assertArrayEquals(dx, Arrays.copyOfRange(arena, at[5], at[6]), ctx + "dx");
    assertArrayEquals(dw, Arrays.copyOfRange(arena, at[6], at[7]), ctx + "dw");
    assertArrayEquals(db, Arrays.copyOfRange(arena, at[7], at[8]), ctx + "db");
  }

  private static void check(String ctx, float[] actual, int off, double[] ref, double[] scale) {
    for (int i = 0; i < ref.length; i++) {
      near(ctx, i, actual[off + i], ref[i], TOL * scale[i]);
    }
  }
}
