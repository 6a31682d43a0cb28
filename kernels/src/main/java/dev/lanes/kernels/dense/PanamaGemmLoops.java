package dev.lanes.kernels.dense;

import static dev.lanes.kernels.panama.PanamaVectorConstants.FLOAT_SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense loops on the Vector API: a register-tiled GEMM micro-kernel.
 *
 * <p>A tile is 4 rows of C by up to 4 vectors of columns (4 x 4L elements), held in 16 vector
 * accumulators for a whole block of k: per k it loads the 4 vectors of row k of B, broadcasts the 4
 * values A[i, k] and issues 16 FMAs; C is read once (when accumulating) and written once per block.
 * 16 accumulators, 4 B vectors and a broadcast take 21 of the 32 vector registers of AVX-512 (and of
 * NEON/SVE); an AVX2-only CPU (16 registers) spills a few. Within a block the tiles walk down the rows
 * of one group of columns, so that group's panel of B (k-block x 4L floats) is reused from cache by
 * every row tile.
 *
 * <p>Column tails. When the tiles start from zero (the first or only k-block: always at LeNet's sizes)
 * a partial last group is moved left to end at the block's last column, overlapping the group before
 * it: the overlapped columns are computed twice, identically, and stored twice, and every load and store
 * stays whole (120 columns of 16 lanes: groups at 0 and 56). When accumulating onto C, and where the
 * block is narrower than the group, the columns left are cut into groups of 2 vectors, then 1, and a
 * partial last vector is a tile of its own loaded and stored through a mask (out = 10). The masked tile
 * is separate because masked operations inflate C1's code: in one method with the 4 x 4 tile they made
 * C1's profiling compile fail ("out of virtual registers"), and HotSpot then kept running the method's
 * tier-2 code, 50 times slower, never compiling it with C2.
 *
 * <p>Rows are taken 4 at a time; a tail of 1-3 rows repeats its last row in the missing places, which
 * computes and stores that row's values twice, identically. Every element gets the same operations in
 * the same order (an FMA per k, then the bias) wherever it lies in a tile, so blocking, tails and
 * threads never change a bit.
 */
final class PanamaGemmLoops implements GemmLoops {
  private static final VectorSpecies<Float> S = FLOAT_SPECIES;
  private static final int L = S.length();

  /**
   * Offsets of the lanes of a gathered column of W (lane t reads row t, {@code t * out} further), set
   * by {@link #prepareTranspose} and then only read.
   */
  private final int[] columnMap = new int[L];

  @Override
  public String describe() {
    return "panama " + S.vectorBitSize() + "-bit";
  }

  @Override
  public void multiply(Operands o, int i0, int i1, int j0, int j1, int k0, int k1,
      boolean accumulate, boolean withBias) {
    float[] a = o.a;
    float[] b = o.b;
    float[] c = o.c;
    float[] bias = withBias ? o.bias : null;
    int ars = o.aRowStride;
    int acs = o.aColStride;
    int ldb = o.ldb;
    int ldc = o.ldc;
    int kLen = k1 - k0;
    int aBase = o.aOff + k0 * acs;
    int j = j0;
    while (j < j1) {
      int rest = j1 - j;
      int width;
      if (rest >= 4 * L) {
        width = 4;
      } else {
        int vectors = (rest + L - 1) / L;
        int covering = vectors == 1 ? 1 : vectors == 2 ? 2 : 4;
        if (!accumulate && j1 - covering * L >= j0) {
          // the last group ends at j1 and overlaps the one before: its columns are computed again,
          // identically, and stored again; safe because the tiles do not read C
          width = covering;
          j = j1 - covering * L;
        } else {
          width = rest >= 2 * L ? 2 : rest / L;
        }
      }
      int bk = o.bOff + k0 * ldb + j;
      int biasAt = o.biasOff + j;
      int cBase = o.cOff + j;
      for (int i = i0; i < i1; i += 4) {
        int r1 = Math.min(i + 1, i1 - 1);
        int r2 = Math.min(i + 2, i1 - 1);
        int r3 = Math.min(i + 3, i1 - 1);
        int a0 = aBase + i * ars;
        int a1 = aBase + r1 * ars;
        int a2 = aBase + r2 * ars;
        int a3 = aBase + r3 * ars;
        int c0 = cBase + i * ldc;
        int c1 = cBase + r1 * ldc;
        int c2 = cBase + r2 * ldc;
        int c3 = cBase + r3 * ldc;
        switch (width) {
          case 4 -> tile4x4(a, a0, a1, a2, a3, acs, b, bk, ldb, kLen, c, c0, c1, c2, c3, accumulate,
              bias, biasAt);
          case 2 -> tile4x2(a, a0, a1, a2, a3, acs, b, bk, ldb, kLen, c, c0, c1, c2, c3, accumulate,
              bias, biasAt);
          case 1 -> tile4x1(a, a0, a1, a2, a3, acs, b, bk, ldb, kLen, c, c0, c1, c2, c3, accumulate,
              bias, biasAt);
          default -> tile4x1Masked(a, a0, a1, a2, a3, acs, b, bk, ldb, kLen, c, c0, c1, c2, c3,
              accumulate, bias, biasAt, rest);
        }
      }
      j += Math.max(width, 1) * L;
    }
  }

  @Override
  public void prepareTranspose(int out) {
    for (int t = 0; t < L; t++) {
      columnMap[t] = t * out;
    }
  }

  /**
   * Each row of W^T is a column of W, gathered a vector at a time (lanes {@code out} apart) and stored
   * contiguously; twice as fast as the scalar blocked copy at LeNet's sizes, as fast for large W.
   */
  @Override
  public void transpose(float[] w, int wOff, int in, int out, float[] wt, int o0, int o1) {
    int[] map = columnMap;
    int limit = in - L;
    for (int o = o0; o < o1; o++) {
      int dst = o * in;
      int k = 0;
      for (; k <= limit; k += L) {
        FloatVector.fromArray(S, w, wOff + k * out + o, map, 0).intoArray(wt, dst + k);
      }
      // scalar tail
      for (; k < in; k++) {
        wt[dst + k] = w[wOff + k * out + o];
      }
    }
  }

  @Override
  public void columnSums(float[] src, int off, int rows, int cols, float[] dst, int dstOff) {
    int j = 0;
    for (; j <= cols - 2 * L; j += 2 * L) {
      FloatVector acc1 = FloatVector.zero(S);
      FloatVector acc2 = FloatVector.zero(S);
      for (int r = 0, at = off + j; r < rows; r++, at += cols) {
        acc1 = acc1.add(FloatVector.fromArray(S, src, at));
        acc2 = acc2.add(FloatVector.fromArray(S, src, at + L));
      }
      acc1.intoArray(dst, dstOff + j);
      acc2.intoArray(dst, dstOff + j + L);
    }
    for (; j < cols; j += L) {
      VectorMask<Float> m = S.indexInRange(j, cols);
      FloatVector acc = FloatVector.zero(S);
      for (int r = 0, at = off + j; r < rows; r++, at += cols) {
        acc = acc.add(FloatVector.fromArray(S, src, at, m));
      }
      acc.intoArray(dst, dstOff + j, m);
    }
  }

  /** A 4 x 4-vector tile of whole vectors. */
  private static void tile4x4(float[] a, int a0, int a1, int a2, int a3, int acs,
      float[] b, int bk, int ldb, int kLen, float[] c, int c0, int c1, int c2, int c3,
      boolean accumulate, float[] bias, int biasAt) {
    FloatVector acc00 = accumulate ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
    FloatVector acc01 = accumulate ? FloatVector.fromArray(S, c, c0 + L) : FloatVector.zero(S);
    FloatVector acc02 = accumulate ? FloatVector.fromArray(S, c, c0 + 2 * L) : FloatVector.zero(S);
    FloatVector acc03 = accumulate ? FloatVector.fromArray(S, c, c0 + 3 * L) : FloatVector.zero(S);
    FloatVector acc10 = accumulate ? FloatVector.fromArray(S, c, c1) : FloatVector.zero(S);
    FloatVector acc11 = accumulate ? FloatVector.fromArray(S, c, c1 + L) : FloatVector.zero(S);
    FloatVector acc12 = accumulate ? FloatVector.fromArray(S, c, c1 + 2 * L) : FloatVector.zero(S);
    FloatVector acc13 = accumulate ? FloatVector.fromArray(S, c, c1 + 3 * L) : FloatVector.zero(S);
    FloatVector acc20 = accumulate ? FloatVector.fromArray(S, c, c2) : FloatVector.zero(S);
    FloatVector acc21 = accumulate ? FloatVector.fromArray(S, c, c2 + L) : FloatVector.zero(S);
    FloatVector acc22 = accumulate ? FloatVector.fromArray(S, c, c2 + 2 * L) : FloatVector.zero(S);
    FloatVector acc23 = accumulate ? FloatVector.fromArray(S, c, c2 + 3 * L) : FloatVector.zero(S);
    FloatVector acc30 = accumulate ? FloatVector.fromArray(S, c, c3) : FloatVector.zero(S);
    FloatVector acc31 = accumulate ? FloatVector.fromArray(S, c, c3 + L) : FloatVector.zero(S);
    FloatVector acc32 = accumulate ? FloatVector.fromArray(S, c, c3 + 2 * L) : FloatVector.zero(S);
    FloatVector acc33 = accumulate ? FloatVector.fromArray(S, c, c3 + 3 * L) : FloatVector.zero(S);
    for (int k = 0; k < kLen; k++) {
      FloatVector b0 = FloatVector.fromArray(S, b, bk);
      FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
      FloatVector b2 = FloatVector.fromArray(S, b, bk + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, b, bk + 3 * L);
      FloatVector x0 = FloatVector.broadcast(S, a[a0]);
      acc00 = b0.fma(x0, acc00);
      acc01 = b1.fma(x0, acc01);
      acc02 = b2.fma(x0, acc02);
      acc03 = b3.fma(x0, acc03);
      FloatVector x1 = FloatVector.broadcast(S, a[a1]);
      acc10 = b0.fma(x1, acc10);
      acc11 = b1.fma(x1, acc11);
      acc12 = b2.fma(x1, acc12);
      acc13 = b3.fma(x1, acc13);
      FloatVector x2 = FloatVector.broadcast(S, a[a2]);
      acc20 = b0.fma(x2, acc20);
      acc21 = b1.fma(x2, acc21);
      acc22 = b2.fma(x2, acc22);
      acc23 = b3.fma(x2, acc23);
      FloatVector x3 = FloatVector.broadcast(S, a[a3]);
      acc30 = b0.fma(x3, acc30);
      acc31 = b1.fma(x3, acc31);
      acc32 = b2.fma(x3, acc32);
      acc33 = b3.fma(x3, acc33);
      a0 += acs;
      a1 += acs;
      a2 += acs;
      a3 += acs;
      bk += ldb;
    }
    if (bias != null) {
      FloatVector bias0 = FloatVector.fromArray(S, bias, biasAt);
      FloatVector bias1 = FloatVector.fromArray(S, bias, biasAt + L);
      FloatVector bias2 = FloatVector.fromArray(S, bias, biasAt + 2 * L);
      FloatVector bias3 = FloatVector.fromArray(S, bias, biasAt + 3 * L);
      acc00 = acc00.add(bias0);
      acc01 = acc01.add(bias1);
      acc02 = acc02.add(bias2);
      acc03 = acc03.add(bias3);
      acc10 = acc10.add(bias0);
      acc11 = acc11.add(bias1);
      acc12 = acc12.add(bias2);
      acc13 = acc13.add(bias3);
      acc20 = acc20.add(bias0);
      acc21 = acc21.add(bias1);
      acc22 = acc22.add(bias2);
      acc23 = acc23.add(bias3);
      acc30 = acc30.add(bias0);
      acc31 = acc31.add(bias1);
      acc32 = acc32.add(bias2);
      acc33 = acc33.add(bias3);
    }
    acc00.intoArray(c, c0);
    acc01.intoArray(c, c0 + L);
    acc02.intoArray(c, c0 + 2 * L);
    acc03.intoArray(c, c0 + 3 * L);
    acc10.intoArray(c, c1);
    acc11.intoArray(c, c1 + L);
    acc12.intoArray(c, c1 + 2 * L);
    acc13.intoArray(c, c1 + 3 * L);
    acc20.intoArray(c, c2);
    acc21.intoArray(c, c2 + L);
    acc22.intoArray(c, c2 + 2 * L);
    acc23.intoArray(c, c2 + 3 * L);
    acc30.intoArray(c, c3);
    acc31.intoArray(c, c3 + L);
    acc32.intoArray(c, c3 + 2 * L);
    acc33.intoArray(c, c3 + 3 * L);
  }

  /** A 4 x 2-vector tile of whole vectors. */
  private static void tile4x2(float[] a, int a0, int a1, int a2, int a3, int acs,
      float[] b, int bk, int ldb, int kLen, float[] c, int c0, int c1, int c2, int c3,
      boolean accumulate, float[] bias, int biasAt) {
    FloatVector acc00 = accumulate ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
    FloatVector acc01 = accumulate ? FloatVector.fromArray(S, c, c0 + L) : FloatVector.zero(S);
    FloatVector acc10 = accumulate ? FloatVector.fromArray(S, c, c1) : FloatVector.zero(S);
    FloatVector acc11 = accumulate ? FloatVector.fromArray(S, c, c1 + L) : FloatVector.zero(S);
    FloatVector acc20 = accumulate ? FloatVector.fromArray(S, c, c2) : FloatVector.zero(S);
    FloatVector acc21 = accumulate ? FloatVector.fromArray(S, c, c2 + L) : FloatVector.zero(S);
    FloatVector acc30 = accumulate ? FloatVector.fromArray(S, c, c3) : FloatVector.zero(S);
    FloatVector acc31 = accumulate ? FloatVector.fromArray(S, c, c3 + L) : FloatVector.zero(S);
    for (int k = 0; k < kLen; k++) {
      FloatVector b0 = FloatVector.fromArray(S, b, bk);
      FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
      FloatVector x0 = FloatVector.broadcast(S, a[a0]);
      acc00 = b0.fma(x0, acc00);
      acc01 = b1.fma(x0, acc01);
      FloatVector x1 = FloatVector.broadcast(S, a[a1]);
      acc10 = b0.fma(x1, acc10);
      acc11 = b1.fma(x1, acc11);
      FloatVector x2 = FloatVector.broadcast(S, a[a2]);
      acc20 = b0.fma(x2, acc20);
      acc21 = b1.fma(x2, acc21);
      FloatVector x3 = FloatVector.broadcast(S, a[a3]);
      acc30 = b0.fma(x3, acc30);
      acc31 = b1.fma(x3, acc31);
      a0 += acs;
      a1 += acs;
      a2 += acs;
      a3 += acs;
      bk += ldb;
    }
    if (bias != null) {
      FloatVector bias0 = FloatVector.fromArray(S, bias, biasAt);
      FloatVector bias1 = FloatVector.fromArray(S, bias, biasAt + L);
      acc00 = acc00.add(bias0);
      acc01 = acc01.add(bias1);
      acc10 = acc10.add(bias0);
      acc11 = acc11.add(bias1);
      acc20 = acc20.add(bias0);
      acc21 = acc21.add(bias1);
      acc30 = acc30.add(bias0);
      acc31 = acc31.add(bias1);
    }
    acc00.intoArray(c, c0);
    acc01.intoArray(c, c0 + L);
    acc10.intoArray(c, c1);
    acc11.intoArray(c, c1 + L);
    acc20.intoArray(c, c2);
    acc21.intoArray(c, c2 + L);
    acc30.intoArray(c, c3);
    acc31.intoArray(c, c3 + L);
  }

  /** A 4 x 1-vector tile of whole vectors. */
  private static void tile4x1(float[] a, int a0, int a1, int a2, int a3, int acs,
      float[] b, int bk, int ldb, int kLen, float[] c, int c0, int c1, int c2, int c3,
      boolean accumulate, float[] bias, int biasAt) {
    FloatVector acc00 = accumulate ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
    FloatVector acc10 = accumulate ? FloatVector.fromArray(S, c, c1) : FloatVector.zero(S);
    FloatVector acc20 = accumulate ? FloatVector.fromArray(S, c, c2) : FloatVector.zero(S);
    FloatVector acc30 = accumulate ? FloatVector.fromArray(S, c, c3) : FloatVector.zero(S);
    for (int k = 0; k < kLen; k++) {
      FloatVector b0 = FloatVector.fromArray(S, b, bk);
      FloatVector x0 = FloatVector.broadcast(S, a[a0]);
      acc00 = b0.fma(x0, acc00);
      FloatVector x1 = FloatVector.broadcast(S, a[a1]);
      acc10 = b0.fma(x1, acc10);
      FloatVector x2 = FloatVector.broadcast(S, a[a2]);
      acc20 = b0.fma(x2, acc20);
      FloatVector x3 = FloatVector.broadcast(S, a[a3]);
      acc30 = b0.fma(x3, acc30);
      a0 += acs;
      a1 += acs;
      a2 += acs;
      a3 += acs;
      bk += ldb;
    }
    if (bias != null) {
      FloatVector bias0 = FloatVector.fromArray(S, bias, biasAt);
      acc00 = acc00.add(bias0);
      acc10 = acc10.add(bias0);
      acc20 = acc20.add(bias0);
      acc30 = acc30.add(bias0);
    }
    acc00.intoArray(c, c0);
    acc10.intoArray(c, c1);
    acc20.intoArray(c, c2);
    acc30.intoArray(c, c3);
  }

  /**
   * A 4 x 1-vector tile of which only the first {@code valid} lanes exist: loaded and stored through a
   * mask (made here: a mask passed to a method C2 does not inline is an object allocated per call).
   */
  private static void tile4x1Masked(float[] a, int a0, int a1, int a2, int a3, int acs,
      float[] b, int bk, int ldb, int kLen, float[] c, int c0, int c1, int c2, int c3,
      boolean accumulate, float[] bias, int biasAt, int valid) {
    VectorMask<Float> m = S.indexInRange(0, valid);
    FloatVector acc00 = accumulate ? FloatVector.fromArray(S, c, c0, m) : FloatVector.zero(S);
    FloatVector acc10 = accumulate ? FloatVector.fromArray(S, c, c1, m) : FloatVector.zero(S);
    FloatVector acc20 = accumulate ? FloatVector.fromArray(S, c, c2, m) : FloatVector.zero(S);
    FloatVector acc30 = accumulate ? FloatVector.fromArray(S, c, c3, m) : FloatVector.zero(S);
    for (int k = 0; k < kLen; k++) {
      FloatVector b0 = FloatVector.fromArray(S, b, bk, m);
      FloatVector x0 = FloatVector.broadcast(S, a[a0]);
      acc00 = b0.fma(x0, acc00);
      FloatVector x1 = FloatVector.broadcast(S, a[a1]);
      acc10 = b0.fma(x1, acc10);
      FloatVector x2 = FloatVector.broadcast(S, a[a2]);
      acc20 = b0.fma(x2, acc20);
      FloatVector x3 = FloatVector.broadcast(S, a[a3]);
      acc30 = b0.fma(x3, acc30);
      a0 += acs;
      a1 += acs;
      a2 += acs;
      a3 += acs;
      bk += ldb;
    }
    if (bias != null) {
      FloatVector bias0 = FloatVector.fromArray(S, bias, biasAt, m);
      acc00 = acc00.add(bias0);
      acc10 = acc10.add(bias0);
      acc20 = acc20.add(bias0);
      acc30 = acc30.add(bias0);
    }
    acc00.intoArray(c, c0, m);
    acc10.intoArray(c, c1, m);
    acc20.intoArray(c, c2, m);
    acc30.intoArray(c, c3, m);
  }
}
