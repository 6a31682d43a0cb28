package dev.lanes.kernels.batchnorm;

import static dev.lanes.kernels.panama.PanamaVectorConstants.FLOAT_SPECIES;
import static dev.lanes.kernels.panama.PanamaVectorConstants.STREAM_SPECIES;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.internal.Periods;
import dev.lanes.kernels.panama.PanamaMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The batch-norm loops on the Vector API. The pattern period is lcm(C, lanes), so every vector lines up
 * with its coefficients. When the period is one vector (NCHW, or C dividing the lane count) the
 * coefficients stay in registers across all rows and the sums in four pairs of vector accumulators;
 * otherwise coefficients are loaded per vector and the sums accumulate per slot in the worker's scratch,
 * except that the sums over patterns of up to four vectors walk them a group of vectors at a time with
 * the group's sums in registers (see {@link #patternSums}), the sums over four rows of a longer
 * pattern read the rows side by side (see {@link #fourRowSums}), and the dx loop walks the whole
 * patterns of four or more vectors with the slot as the inner index (see
 * {@link #wholePatternsBackward}).
 * A fused sigmoid always takes the second kind of loop, one vector per step, in methods of their own
 * (see the comment above {@link #sigmoidNormalize}).
 * Scalar tails compute the same formulas in scalar arithmetic ({@link Math#fma} where the body fuses,
 * the sigmoid through {@link Math#exp}), so a tail element may differ from a body element in its last
 * bits; which elements are tails depends on the shape alone.
 */
final class PanamaBatchNormLoops implements BatchNormLoops {
  private static final int LANES = FLOAT_SPECIES.length();
  private static final int STREAM_LANES = STREAM_SPECIES.length();
  /** Values in a run that the run loops take as straight-line code ({@link #quadRun}). */
  private static final int QUAD = 4 * LANES;

  @Override
  public int patternLength(int channels) {
    return Periods.period(channels, LANES);
  }

  @Override
  public int quadRun() {
    return QUAD;
  }

  @Override
  public String describe() {
    return "panama " + FLOAT_SPECIES.vectorBitSize() + "-bit";
  }

  @Override
  public void sums(float[] x, int off, int rows, int stride, int len, Pattern p, float[] work) {
    int l = p.length;
    if (p.run > 1) {
      runSums(x, off, rows, stride, len, p, work);
      return;
    }
    if (l != LANES) {
      int r = 0;
      for (; l > 4 * LANES && r <= rows - 4; r += 4) {
        fourRowSums(x, off + r * stride, stride, len, p, work);
      }
      for (; r < rows; r++) {
        patternSums(x, off + r * stride, len, p, work);
      }
      return;
    }
    int vectorLen = len - len % LANES;
    vectorSums(x, off, rows, stride, vectorLen, p.shift, 0, work, l);
    for (int r = 0; r < rows && vectorLen < len; r++) {
      sumsTail(x, off + r * stride, vectorLen, len, p, work);
    }
  }

  /** The scalar tail of a one-vector pattern's run: elements [from, len), slots from 0. */
  private static void sumsTail(float[] x, int base, int from, int len, Pattern p, float[] work) {
    int l = p.length;
    for (int i = from, j = 0; i < len; i++, j++) {
      float d = x[base + i] - p.shift[j];
      work[j] += d;
      work[l + j] = Math.fma(d, d, work[l + j]);
    }
  }

  /**
   * Adds the sums of d = x - shifts[j..] and d * d over {@code rows} runs of {@code len} values (whole
   * vectors), {@code stride} apart from {@code at}, to work[j..] and work[l + j..]. Eight vectors a step
   * into four pairs of accumulators, kept across the rows (in-cache NCHW rows are a few vectors long):
   * with fewer independent sums the dependent adds held back the loads, and a streamed sums pass read
   * about half as fast (diagnostic timing loop, docs/batchnorm.md). Takes no vector argument, which C2
   * would have to box if it did not inline the call.
   */
  private static void vectorSums(float[] x, int at, int rows, int stride, int len, float[] shifts,
      int j, float[] work, int l) {
    FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, shifts, j);
    FloatVector acc1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc4 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq4 = FloatVector.zero(FLOAT_SPECIES);
    for (int r = 0; r < rows; r++) {
      int i = at + r * stride;
      int end = i + len;
      for (; i <= end - 8 * LANES; i += 8 * LANES) {
        FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, i).sub(shift);
        FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, i + LANES).sub(shift);
        FloatVector d3 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 2 * LANES).sub(shift);
        FloatVector d4 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 3 * LANES).sub(shift);
        FloatVector d5 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 4 * LANES).sub(shift);
        FloatVector d6 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 5 * LANES).sub(shift);
        FloatVector d7 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 6 * LANES).sub(shift);
        FloatVector d8 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 7 * LANES).sub(shift);
        acc1 = acc1.add(d1.add(d5));
        acc2 = acc2.add(d2.add(d6));
        acc3 = acc3.add(d3.add(d7));
        acc4 = acc4.add(d4.add(d8));
        sq1 = d1.fma(d1, d5.fma(d5, sq1));
        sq2 = d2.fma(d2, d6.fma(d6, sq2));
        sq3 = d3.fma(d3, d7.fma(d7, sq3));
        sq4 = d4.fma(d4, d8.fma(d8, sq4));
      }
      if (i <= end - 4 * LANES) {
        FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, i).sub(shift);
        FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, i + LANES).sub(shift);
        FloatVector d3 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 2 * LANES).sub(shift);
        FloatVector d4 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 3 * LANES).sub(shift);
        acc1 = acc1.add(d1);
        acc2 = acc2.add(d2);
        acc3 = acc3.add(d3);
        acc4 = acc4.add(d4);
        sq1 = d1.fma(d1, sq1);
        sq2 = d2.fma(d2, sq2);
        sq3 = d3.fma(d3, sq3);
        sq4 = d4.fma(d4, sq4);
        i += 4 * LANES;
      }
      for (; i < end; i += LANES) {
        FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, i).sub(shift);
        acc1 = acc1.add(d);
        sq1 = d.fma(d, sq1);
      }
    }
    acc1.add(acc2).add(acc3.add(acc4)).add(FloatVector.fromArray(FLOAT_SPECIES, work, j))
        .intoArray(work, j);
    sq1.add(sq2).add(sq3.add(sq4)).add(FloatVector.fromArray(FLOAT_SPECIES, work, l + j))
        .intoArray(work, l + j);
  }

  @Override
  public void normalize(float[] x, int xOff, float[] y, int yOff, int rows, int stride, int len,
      Pattern p, Activation act) {
    if (act == Activation.SIGMOID) {
      Pattern.requireSlots(p);
      for (int r = 0; r < rows; r++) {
        sigmoidNormalize(x, xOff + r * stride, y, yOff + r * stride, len, p);
      }
      return;
    }
    int l = p.length;
    if (p.run > 1) {
      for (int r = 0; r < rows; r++) {
        runNormalize(x, xOff + r * stride, y, yOff + r * stride, len, p, act);
      }
      return;
    }
    if (l != LANES) {
      for (int r = 0; r < rows; r++) {
        patternNormalize(x, xOff + r * stride, y, yOff + r * stride, len, p, act);
      }
      return;
    }
    FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, p.shift, 0);
    FloatVector scale = FloatVector.fromArray(FLOAT_SPECIES, p.scale, 0);
    FloatVector bias = FloatVector.fromArray(FLOAT_SPECIES, p.bias, 0);
    for (int r = 0; r < rows; r++) {
      int xb = xOff + r * stride;
      int yb = yOff + r * stride;
      int i = 0;
      for (; i <= len - 4 * LANES; i += 4 * LANES) {
        FloatVector z1 = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i).sub(shift).fma(scale, bias);
        FloatVector z2 =
            FloatVector.fromArray(FLOAT_SPECIES, x, xb + i + LANES).sub(shift).fma(scale, bias);
        FloatVector z3 =
            FloatVector.fromArray(FLOAT_SPECIES, x, xb + i + 2 * LANES).sub(shift).fma(scale, bias);
        FloatVector z4 =
            FloatVector.fromArray(FLOAT_SPECIES, x, xb + i + 3 * LANES).sub(shift).fma(scale, bias);
        activate(z1, act).intoArray(y, yb + i);
        activate(z2, act).intoArray(y, yb + i + LANES);
        activate(z3, act).intoArray(y, yb + i + 2 * LANES);
        activate(z4, act).intoArray(y, yb + i + 3 * LANES);
      }
      for (; i <= len - LANES; i += LANES) {
        FloatVector z = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i).sub(shift).fma(scale, bias);
        activate(z, act).intoArray(y, yb + i);
      }
      normalizeTail(x, xb, y, yb, i, len, p, act);
    }
  }

  @Override
  public void backwardSums(float[] x, int xOff, float[] dy, int dyOff, int rows, int stride,
      int len, Pattern p, Activation act, float[] work, float[] dzOut, int dzOff) {
    if (act == Activation.SIGMOID) {
      Pattern.requireSlots(p);
      for (int r = 0; r < rows; r++) {
        int at = r * stride;
        sigmoidBackwardSums(x, xOff + at, dy, dyOff + at, len, p, work, dzOut, dzOff + at);
      }
      return;
    }
    int l = p.length;
    if (p.run > 1) {
      for (int r = 0; r < rows; r++) {
        int at = r * stride;
        runBackwardSums(x, xOff + at, dy, dyOff + at, len, p, act, work, dzOut, dzOff + at);
      }
      return;
    }
    if (l != LANES) {
      for (int r = 0; r < rows; r++) {
        int at = r * stride;
        patternBackwardSums(x, xOff + at, dy, dyOff + at, len, p, act, work, dzOut, dzOff + at);
      }
      return;
    }
    boolean store = act != Activation.NONE;
    FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, p.shift, 0);
    FloatVector scale = FloatVector.fromArray(FLOAT_SPECIES, p.scale, 0);
    FloatVector bias = FloatVector.fromArray(FLOAT_SPECIES, p.bias, 0);
    // four vectors a step into four pairs of accumulators, for the reason given at vectorSums; rows go
    // two at a time, side by side (four memory streams with x and dy), as docs/batchnorm.md explains
    FloatVector acc1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc4 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot4 = FloatVector.zero(FLOAT_SPECIES);
    for (int r = 0; r < rows; r += 2) {
      boolean pair = r + 1 < rows;
      // the step's third and fourth vectors: the next row's first two, or this row's next two
      int gap = pair ? stride : 2 * LANES;
      int step = pair ? 2 * LANES : 4 * LANES;
      int xb = xOff + r * stride;
      int db = dyOff + r * stride;
      int zb = dzOff + r * stride;
      int i = 0;
      for (; i <= len - step; i += step) {
        FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i).sub(shift);
        FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i + LANES).sub(shift);
        FloatVector d3 = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i + gap).sub(shift);
        FloatVector d4 = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i + gap + LANES).sub(shift);
        FloatVector dz1 = dz(FloatVector.fromArray(FLOAT_SPECIES, dy, db + i), d1, scale, bias, act);
        FloatVector dz2 =
            dz(FloatVector.fromArray(FLOAT_SPECIES, dy, db + i + LANES), d2, scale, bias, act);
        FloatVector dz3 =
            dz(FloatVector.fromArray(FLOAT_SPECIES, dy, db + i + gap), d3, scale, bias, act);
        FloatVector dz4 =
            dz(FloatVector.fromArray(FLOAT_SPECIES, dy, db + i + gap + LANES), d4, scale, bias, act);
        if (store) {
          dz1.intoArray(dzOut, zb + i);
          dz2.intoArray(dzOut, zb + i + LANES);
          dz3.intoArray(dzOut, zb + i + gap);
          dz4.intoArray(dzOut, zb + i + gap + LANES);
        }
        acc1 = acc1.add(dz1);
        acc2 = acc2.add(dz2);
        acc3 = acc3.add(dz3);
        acc4 = acc4.add(dz4);
        dot1 = dz1.fma(d1, dot1);
        dot2 = dz2.fma(d2, dot2);
        dot3 = dz3.fma(d3, dot3);
        dot4 = dz4.fma(d4, dot4);
      }
      int tail = i;
      for (int row = 0; row < (pair ? 2 : 1); row++) {
        int o = row * stride;
        for (i = tail; i <= len - LANES; i += LANES) {
          FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, xb + o + i).sub(shift);
          FloatVector dz =
              dz(FloatVector.fromArray(FLOAT_SPECIES, dy, db + o + i), d, scale, bias, act);
          if (store) {
            dz.intoArray(dzOut, zb + o + i);
          }
          acc1 = acc1.add(dz);
          dot1 = dz.fma(d, dot1);
        }
        backwardSumsTail(x, xb + o, dy, db + o, i, len, p, act, work, dzOut, zb + o);
      }
    }
    acc1.add(acc2).add(acc3.add(acc4)).add(FloatVector.fromArray(FLOAT_SPECIES, work, 0))
        .intoArray(work, 0);
    dot1.add(dot2).add(dot3.add(dot4)).add(FloatVector.fromArray(FLOAT_SPECIES, work, l))
        .intoArray(work, l);
  }

  @Override
  public void backward(float[] x, int xOff, float[] dz, int dzOff, float[] dx, int dxOff,
      int rows, int stride, int len, Pattern p) {
    int l = p.length;
    if (p.run > 1) {
      for (int r = 0; r < rows; r++) {
        int at = r * stride;
        runBackward(x, xOff + at, dz, dzOff + at, dx, dxOff + at, len, p);
      }
      return;
    }
    if (l != LANES) {
      for (int r = 0; r < rows; r++) {
        int at = r * stride;
        patternBackward(x, xOff + at, dz, dzOff + at, dx, dxOff + at, len, p);
      }
      return;
    }
    FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, p.shift, 0);
    FloatVector invStd = FloatVector.fromArray(FLOAT_SPECIES, p.invStd, 0);
    FloatVector xhatShift = FloatVector.fromArray(FLOAT_SPECIES, p.xhatShift, 0);
    FloatVector a = FloatVector.fromArray(FLOAT_SPECIES, p.a, 0);
    FloatVector b = FloatVector.fromArray(FLOAT_SPECIES, p.b, 0);
    FloatVector c = FloatVector.fromArray(FLOAT_SPECIES, p.c, 0);
    for (int r = 0; r < rows; r++) {
      int xb = xOff + r * stride;
      int zb = dzOff + r * stride;
      int ob = dxOff + r * stride;
      int i = 0;
      for (; i <= len - 2 * LANES; i += 2 * LANES) {
        FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i).sub(shift);
        FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i + LANES).sub(shift);
        FloatVector dz1 = FloatVector.fromArray(FLOAT_SPECIES, dz, zb + i);
        FloatVector dz2 = FloatVector.fromArray(FLOAT_SPECIES, dz, zb + i + LANES);
        dz1.fma(a, d1.fma(invStd, xhatShift).fma(b, c)).intoArray(dx, ob + i);
        dz2.fma(a, d2.fma(invStd, xhatShift).fma(b, c)).intoArray(dx, ob + i + LANES);
      }
      for (; i <= len - LANES; i += LANES) {
        FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, xb + i).sub(shift);
        FloatVector.fromArray(FLOAT_SPECIES, dz, zb + i).fma(a, d.fma(invStd, xhatShift).fma(b, c))
            .intoArray(dx, ob + i);
      }
      backwardTail(x, xb, dz, zb, dx, ob, i, len, p);
    }
  }

  // Run patterns (NCHW planes of whole vectors, or equal parts of them, Pattern#resizeRuns) in sums,
  // backward sums, normalize and backward: each run's coefficients are loaded once from its slots and
  // its sums kept in registers until the run ends. Not for the fused sigmoid, whose loops walk a
  // pattern slot by slot.

  /**
   * Run-pattern sums, four rows (images) at a time, one vector of each a step through
   * {@link #fourSums}, then the rows left over one at a time (BlockedBatchNorm passes SUM_STREAMS = 4
   * rows a call). A streamed pass then reads four memory streams at once; on the reference machine one
   * read stream left the memory bus half idle, and four read an NCHW tensor's planes 1.4-2x as fast
   * (docs/batchnorm.md). Each row's plane adds up to 256 vectors in one pair of accumulators, within
   * BlockedBatchNorm.FLUSH.
   */
  private static void runSums(float[] x, int off, int rows, int stride, int len, Pattern p,
      float[] work) {
    int run = p.run;
    int r = 0;
    for (; r <= rows - 4; r += 4) {
      int base = off + r * stride;
      for (int at = base, j = 0; at < base + len; at += run, j += LANES) {
        fourSums(x, at, run, LANES, stride, p.shift, j, 0, work, p.length);
      }
    }
    for (; r < rows; r++) {
      int base = off + r * stride;
      for (int at = base, j = 0; at < base + len; at += run, j += LANES) {
        vectorSums(x, at, 1, 0, run, p.shift, j, work, p.length);
      }
    }
  }

  /**
   * Run-pattern backward sums of one row: each run's dz and dz * d in two pairs of accumulators, two
   * vectors a step, added to the run's slots where it ends (runs of four vectors: see
   * {@link #quadBackwardSums}). They serve in-cache planar tensors walked in memory order
   * (BlockedBatchNorm#imageOrdered), whose planes a channel at a time lie an image apart.
   */
  private static void runBackwardSums(float[] x, int xOff, float[] dy, int dyOff, int len, Pattern p,
      Activation act, float[] work, float[] dzOut, int dzOff) {
    int run = p.run;
    if (run == QUAD) {
      quadBackwardSums(x, xOff, dy, dyOff, len, p, act, work, dzOut, dzOff);
      return;
    }
    int l = p.length;
    boolean store = act != Activation.NONE;
    for (int at = 0, j = 0; at < len; at += run, j += LANES) {
      FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j);
      FloatVector scale = FloatVector.fromArray(FLOAT_SPECIES, p.scale, j);
      FloatVector bias = FloatVector.fromArray(FLOAT_SPECIES, p.bias, j);
      FloatVector acc1 = FloatVector.zero(FLOAT_SPECIES);
      FloatVector acc2 = FloatVector.zero(FLOAT_SPECIES);
      FloatVector dot1 = FloatVector.zero(FLOAT_SPECIES);
      FloatVector dot2 = FloatVector.zero(FLOAT_SPECIES);
      int i = at;
      for (; i <= at + run - 2 * LANES; i += 2 * LANES) {
        FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i).sub(shift);
        FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i + LANES).sub(shift);
        FloatVector dz1 = dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i), d1, scale, bias, act);
        FloatVector dz2 =
            dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i + LANES), d2, scale, bias, act);
        if (store) {
          dz1.intoArray(dzOut, dzOff + i);
          dz2.intoArray(dzOut, dzOff + i + LANES);
        }
        acc1 = acc1.add(dz1);
        acc2 = acc2.add(dz2);
        dot1 = dz1.fma(d1, dot1);
        dot2 = dz2.fma(d2, dot2);
      }
      if (i < at + run) {
        FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i).sub(shift);
        FloatVector dz = dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i), d, scale, bias, act);
        if (store) {
          dz.intoArray(dzOut, dzOff + i);
        }
        acc1 = acc1.add(dz);
        dot1 = dz.fma(d, dot1);
      }
      acc1.add(acc2).add(FloatVector.fromArray(FLOAT_SPECIES, work, j)).intoArray(work, j);
      dot1.add(dot2).add(FloatVector.fromArray(FLOAT_SPECIES, work, l + j)).intoArray(work, l + j);
    }
  }

  /**
   * A run pattern's normalize in {@code STREAM_SPECIES} vectors: run patterns serve the streamed NCHW
   * passes, which their stores bound. A run is a multiple of {@code LANES}, hence of the stream
   * vector's length, and all of a channel's slots hold the same value, so the first stream vector of
   * them serves the whole run.
   */
  private static void runNormalize(float[] x, int xOff, float[] y, int yOff, int len, Pattern p,
      Activation act) {
    int run = p.run;
    for (int at = 0, j = 0; at < len; at += run, j += LANES) {
      FloatVector shift = FloatVector.fromArray(STREAM_SPECIES, p.shift, j);
      FloatVector scale = FloatVector.fromArray(STREAM_SPECIES, p.scale, j);
      FloatVector bias = FloatVector.fromArray(STREAM_SPECIES, p.bias, j);
      int i = at;
      for (; i <= at + run - 2 * STREAM_LANES; i += 2 * STREAM_LANES) {
        FloatVector z1 =
            FloatVector.fromArray(STREAM_SPECIES, x, xOff + i).sub(shift).fma(scale, bias);
        FloatVector z2 = FloatVector.fromArray(STREAM_SPECIES, x, xOff + i + STREAM_LANES)
            .sub(shift).fma(scale, bias);
        activate(z1, act).intoArray(y, yOff + i);
        activate(z2, act).intoArray(y, yOff + i + STREAM_LANES);
      }
      if (i < at + run) {
        FloatVector z = FloatVector.fromArray(STREAM_SPECIES, x, xOff + i).sub(shift).fma(scale, bias);
        activate(z, act).intoArray(y, yOff + i);
      }
    }
  }

  /** A run pattern's dx, in stream vectors like {@link #runNormalize}. */
  private static void runBackward(float[] x, int xOff, float[] dz, int dzOff, float[] dx,
      int dxOff, int len, Pattern p) {
    int run = p.run;
    if (run == QUAD) {
      quadBackward(x, xOff, dz, dzOff, dx, dxOff, len, p);
      return;
    }
    for (int at = 0, j = 0; at < len; at += run, j += LANES) {
      FloatVector shift = FloatVector.fromArray(STREAM_SPECIES, p.shift, j);
      FloatVector invStd = FloatVector.fromArray(STREAM_SPECIES, p.invStd, j);
      FloatVector xhatShift = FloatVector.fromArray(STREAM_SPECIES, p.xhatShift, j);
      FloatVector a = FloatVector.fromArray(STREAM_SPECIES, p.a, j);
      FloatVector b = FloatVector.fromArray(STREAM_SPECIES, p.b, j);
      FloatVector c = FloatVector.fromArray(STREAM_SPECIES, p.c, j);
      int i = at;
      for (; i <= at + run - 2 * STREAM_LANES; i += 2 * STREAM_LANES) {
        FloatVector d1 = FloatVector.fromArray(STREAM_SPECIES, x, xOff + i).sub(shift);
        FloatVector d2 = FloatVector.fromArray(STREAM_SPECIES, x, xOff + i + STREAM_LANES).sub(shift);
        FloatVector dz1 = FloatVector.fromArray(STREAM_SPECIES, dz, dzOff + i);
        FloatVector dz2 = FloatVector.fromArray(STREAM_SPECIES, dz, dzOff + i + STREAM_LANES);
        dz1.fma(a, d1.fma(invStd, xhatShift).fma(b, c)).intoArray(dx, dxOff + i);
        dz2.fma(a, d2.fma(invStd, xhatShift).fma(b, c)).intoArray(dx, dxOff + i + STREAM_LANES);
      }
      if (i < at + run) {
        FloatVector d = FloatVector.fromArray(STREAM_SPECIES, x, xOff + i).sub(shift);
        FloatVector.fromArray(STREAM_SPECIES, dz, dzOff + i).fma(a, d.fma(invStd, xhatShift).fma(b, c))
            .intoArray(dx, dxOff + i);
      }
    }
  }

  // Runs of exactly four vectors (QUAD), which BlockedBatchNorm makes of short in-cache planes (B2's
  // 64 values at 512 bits are one run, at 256 bits two): straight-line code per run in a loop counted
  // by runs. The loops above enter an inner loop of unknown trip count on every run, whose set-up cost
  // B2 more than its four vectors of work (docs/batchnorm.md, "Short planes as runs of four vectors").
  // A call covers whole runs (len a multiple of QUAD), as every run loop's does.

  /** {@link #runBackwardSums} over runs of four vectors, each run's sums formed on their own. */
  private static void quadBackwardSums(float[] x, int xOff, float[] dy, int dyOff, int len,
      Pattern p, Activation act, float[] work, float[] dzOut, int dzOff) {
    int l = p.length;
    boolean store = act != Activation.NONE;
    for (int u = 0; u < len / QUAD; u++) {
      int i = u * QUAD;
      int j = u * LANES;
      FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j);
      FloatVector scale = FloatVector.fromArray(FLOAT_SPECIES, p.scale, j);
      FloatVector bias = FloatVector.fromArray(FLOAT_SPECIES, p.bias, j);
      FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i).sub(shift);
      FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i + LANES).sub(shift);
      FloatVector d3 = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i + 2 * LANES).sub(shift);
      FloatVector d4 = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i + 3 * LANES).sub(shift);
      FloatVector dz1 = dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i), d1, scale, bias, act);
      FloatVector dz2 =
          dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i + LANES), d2, scale, bias, act);
      FloatVector dz3 =
          dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i + 2 * LANES), d3, scale, bias, act);
      FloatVector dz4 =
          dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i + 3 * LANES), d4, scale, bias, act);
      if (store) {
        dz1.intoArray(dzOut, dzOff + i);
        dz2.intoArray(dzOut, dzOff + i + LANES);
        dz3.intoArray(dzOut, dzOff + i + 2 * LANES);
        dz4.intoArray(dzOut, dzOff + i + 3 * LANES);
      }
      FloatVector sum = dz1.add(dz2).add(dz3.add(dz4));
      FloatVector dot = dz2.fma(d2, dz1.mul(d1)).add(dz4.fma(d4, dz3.mul(d3)));
      FloatVector.fromArray(FLOAT_SPECIES, work, j).add(sum).intoArray(work, j);
      FloatVector.fromArray(FLOAT_SPECIES, work, l + j).add(dot).intoArray(work, l + j);
    }
  }

  /** {@link #runBackward} over runs of four vectors, in the full-width species (in cache). */
  private static void quadBackward(float[] x, int xOff, float[] dz, int dzOff, float[] dx,
      int dxOff, int len, Pattern p) {
    for (int u = 0; u < len / QUAD; u++) {
      int i = u * QUAD;
      int j = u * LANES;
      FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j);
      FloatVector invStd = FloatVector.fromArray(FLOAT_SPECIES, p.invStd, j);
      FloatVector xhatShift = FloatVector.fromArray(FLOAT_SPECIES, p.xhatShift, j);
      FloatVector a = FloatVector.fromArray(FLOAT_SPECIES, p.a, j);
      FloatVector b = FloatVector.fromArray(FLOAT_SPECIES, p.b, j);
      FloatVector c = FloatVector.fromArray(FLOAT_SPECIES, p.c, j);
      // a constant trip count, which C2 unrolls whole
      for (int v = 0; v < QUAD; v += LANES) {
        FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i + v).sub(shift);
        FloatVector.fromArray(FLOAT_SPECIES, dz, dzOff + i + v)
            .fma(a, d.fma(invStd, xhatShift).fma(b, c)).intoArray(dx, dxOff + i + v);
      }
    }
  }

  /**
   * Sums over a pattern of several vectors. A pattern of up to four vectors walks the whole patterns
   * in registers, four vectors at a time (then each vector left over): sums kept per slot in scratch,
   * stored and reloaded every pattern, held back the loads. The rest (longer patterns, whose group
   * walks would leave gaps in the stream, and a partial last pattern) goes vector by vector through
   * work.
   */
  private static void patternSums(float[] x, int off, int len, Pattern p, float[] work) {
    int l = p.length;
    int whole = l <= 4 * LANES ? len - len % l : 0;
    int g = 0;
    for (; g <= l - 4 * LANES && whole > 0; g += 4 * LANES) {
      fourSums(x, off + g, whole, l, LANES, p.shift, g, LANES, work, l);
    }
    for (; g < l && whole > 0; g += LANES) {
      slotSums(x, off + g, whole, l, p.shift, g, work);
    }
    int i = whole;
    int j = 0;
    for (; i <= len - LANES; i += LANES) {
      FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, off + i)
          .sub(FloatVector.fromArray(FLOAT_SPECIES, p.shift, j));
      FloatVector.fromArray(FLOAT_SPECIES, work, j).add(d).intoArray(work, j);
      d.fma(d, FloatVector.fromArray(FLOAT_SPECIES, work, l + j)).intoArray(work, l + j);
      j = next(j, l);
    }
    // scalar tail
    for (; i < len; i++, j++) {
      float d = x[off + i] - p.shift[j];
      work[j] += d;
      work[l + j] = Math.fma(d, d, work[l + j]);
    }
  }

  /**
   * Sums over four rows of a pattern of more than four vectors, {@code stride} apart, read side by
   * side in memory order: four read streams, which past the cache read faster than one
   * (docs/batchnorm.md, "Four read streams"). A step adds the four rows' vectors of one slot to work;
   * a slot's next step is a whole pattern later, so the adds through work do not queue behind each
   * other.
   */
  private static void fourRowSums(float[] x, int off, int stride, int len, Pattern p,
      float[] work) {
    int l = p.length;
    int i = 0;
    int j = 0;
    for (; i <= len - LANES; i += LANES) {
      FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j);
      FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, off + i).sub(shift);
      FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, off + stride + i).sub(shift);
      FloatVector d3 = FloatVector.fromArray(FLOAT_SPECIES, x, off + 2 * stride + i).sub(shift);
      FloatVector d4 = FloatVector.fromArray(FLOAT_SPECIES, x, off + 3 * stride + i).sub(shift);
      addInto(work, j, d1.add(d2).add(d3.add(d4)));
      addInto(work, l + j, d1.fma(d1, d2.mul(d2)).add(d3.fma(d3, d4.mul(d4))));
      j = next(j, l);
    }
    for (int r = 0; r < 4 && i < len; r++) {
      for (int k = i, slot = j; k < len; k++, slot++) {
        float d = x[off + r * stride + k] - p.shift[slot];
        work[slot] += d;
        work[l + slot] = Math.fma(d, d, work[l + slot]);
      }
    }
  }

  /**
   * Adds the sums of d = x - shift and d * d over four streams {@code gap} apart from {@code at}, one
   * vector of each every {@code step} over {@code len} values, to work (the sums) and work from l on
   * (the sums of squares): stream k with the shift and the slots from j + k * slotGap, each stream in a
   * pair of accumulators. Group walks of a pattern (gap one vector, step the pattern, slotGap one
   * vector) and four rows of a run pattern (gap a row, step one vector, slotGap 0: one slot, which
   * the four sums are added to in turn).
   */
  private static void fourSums(float[] x, int at, int len, int step, int gap, float[] shifts, int j,
      int slotGap, float[] work, int l) {
    FloatVector shift1 = FloatVector.fromArray(FLOAT_SPECIES, shifts, j);
    FloatVector shift2 = FloatVector.fromArray(FLOAT_SPECIES, shifts, j + slotGap);
    FloatVector shift3 = FloatVector.fromArray(FLOAT_SPECIES, shifts, j + 2 * slotGap);
    FloatVector shift4 = FloatVector.fromArray(FLOAT_SPECIES, shifts, j + 3 * slotGap);
    FloatVector acc1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc4 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq4 = FloatVector.zero(FLOAT_SPECIES);
    for (int i = at; i < at + len; i += step) {
      FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, i).sub(shift1);
      FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, i + gap).sub(shift2);
      FloatVector d3 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 2 * gap).sub(shift3);
      FloatVector d4 = FloatVector.fromArray(FLOAT_SPECIES, x, i + 3 * gap).sub(shift4);
      acc1 = acc1.add(d1);
      acc2 = acc2.add(d2);
      acc3 = acc3.add(d3);
      acc4 = acc4.add(d4);
      sq1 = d1.fma(d1, sq1);
      sq2 = d2.fma(d2, sq2);
      sq3 = d3.fma(d3, sq3);
      sq4 = d4.fma(d4, sq4);
    }
    addInto(work, j, acc1);
    addInto(work, j + slotGap, acc2);
    addInto(work, j + 2 * slotGap, acc3);
    addInto(work, j + 3 * slotGap, acc4);
    addInto(work, l + j, sq1);
    addInto(work, l + j + slotGap, sq2);
    addInto(work, l + j + 2 * slotGap, sq3);
    addInto(work, l + j + 3 * slotGap, sq4);
  }

  /**
   * work[j..] += sum, one vector. Small enough that C2 always inlines it, so the vector argument is not
   * boxed (JMH {@code -prof gc} on the shapes of its callers: docs/batchnorm.md).
   */
  private static void addInto(float[] work, int j, FloatVector sum) {
    sum.add(FloatVector.fromArray(FLOAT_SPECIES, work, j)).intoArray(work, j);
  }

  /** Slots [j, j + lanes) of a pattern of l, over {@code len} values (whole patterns) from at. */
  private static void slotSums(float[] x, int at, int len, int l, float[] shifts, int j,
      float[] work) {
    FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, shifts, j);
    FloatVector acc = FloatVector.zero(FLOAT_SPECIES);
    FloatVector sq = FloatVector.zero(FLOAT_SPECIES);
    for (int i = at; i < at + len; i += l) {
      FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, i).sub(shift);
      acc = acc.add(d);
      sq = d.fma(d, sq);
    }
    acc.add(FloatVector.fromArray(FLOAT_SPECIES, work, j)).intoArray(work, j);
    sq.add(FloatVector.fromArray(FLOAT_SPECIES, work, l + j)).intoArray(work, l + j);
  }

  private static void patternNormalize(float[] x, int xOff, float[] y, int yOff, int len,
      Pattern p, Activation act) {
    int l = p.length;
    int i = 0;
    int j = 0;
    for (; i <= len - LANES; i += LANES) {
      FloatVector z = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i)
          .sub(FloatVector.fromArray(FLOAT_SPECIES, p.shift, j))
          .fma(FloatVector.fromArray(FLOAT_SPECIES, p.scale, j),
              FloatVector.fromArray(FLOAT_SPECIES, p.bias, j));
      activate(z, act).intoArray(y, yOff + i);
      j = next(j, l);
    }
    normalizeTail(x, xOff, y, yOff, i, len, p, act);
  }

  /** The backward sums over a pattern of several vectors, walked as in {@link #patternSums}. */
  private static void patternBackwardSums(float[] x, int xOff, float[] dy, int dyOff, int len,
      Pattern p, Activation act, float[] work, float[] dzOut, int dzOff) {
    boolean store = act != Activation.NONE;
    int l = p.length;
    int whole = l <= 4 * LANES ? len - len % l : 0;
    int g = 0;
    for (; g <= l - 4 * LANES && whole > 0; g += 4 * LANES) {
      groupBackwardSums(x, xOff + g, dy, dyOff + g, whole, l, p, g, act, work, dzOut, dzOff + g);
    }
    for (; g < l && whole > 0; g += LANES) {
      slotBackwardSums(x, xOff + g, dy, dyOff + g, whole, l, p, g, act, work, dzOut, dzOff + g);
    }
    int i = whole;
    int j = 0;
    for (; i <= len - LANES; i += LANES) {
      FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i)
          .sub(FloatVector.fromArray(FLOAT_SPECIES, p.shift, j));
      FloatVector dz = dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i), d,
          FloatVector.fromArray(FLOAT_SPECIES, p.scale, j),
          FloatVector.fromArray(FLOAT_SPECIES, p.bias, j), act);
      if (store) {
        dz.intoArray(dzOut, dzOff + i);
      }
      FloatVector.fromArray(FLOAT_SPECIES, work, j).add(dz).intoArray(work, j);
      dz.fma(d, FloatVector.fromArray(FLOAT_SPECIES, work, l + j)).intoArray(work, l + j);
      j = next(j, l);
    }
    backwardSumsTail(x, xOff, dy, dyOff, i, len, p, act, work, dzOut, dzOff);
  }

  /** Backward sums of slots [j, j + 4 lanes) of a pattern of l over whole patterns (dz stored too). */
  private static void groupBackwardSums(float[] x, int xAt, float[] dy, int dyAt, int len, int l,
      Pattern p, int j, Activation act, float[] work, float[] dzOut, int dzAt) {
    boolean store = act != Activation.NONE;
    FloatVector shift1 = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j);
    FloatVector shift2 = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j + LANES);
    FloatVector shift3 = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j + 2 * LANES);
    FloatVector shift4 = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j + 3 * LANES);
    FloatVector scale1 = FloatVector.fromArray(FLOAT_SPECIES, p.scale, j);
    FloatVector scale2 = FloatVector.fromArray(FLOAT_SPECIES, p.scale, j + LANES);
    FloatVector scale3 = FloatVector.fromArray(FLOAT_SPECIES, p.scale, j + 2 * LANES);
    FloatVector scale4 = FloatVector.fromArray(FLOAT_SPECIES, p.scale, j + 3 * LANES);
    FloatVector bias1 = FloatVector.fromArray(FLOAT_SPECIES, p.bias, j);
    FloatVector bias2 = FloatVector.fromArray(FLOAT_SPECIES, p.bias, j + LANES);
    FloatVector bias3 = FloatVector.fromArray(FLOAT_SPECIES, p.bias, j + 2 * LANES);
    FloatVector bias4 = FloatVector.fromArray(FLOAT_SPECIES, p.bias, j + 3 * LANES);
    FloatVector acc1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc4 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot4 = FloatVector.zero(FLOAT_SPECIES);
    for (int i = 0; i < len; i += l) {
      FloatVector d1 = FloatVector.fromArray(FLOAT_SPECIES, x, xAt + i).sub(shift1);
      FloatVector d2 = FloatVector.fromArray(FLOAT_SPECIES, x, xAt + i + LANES).sub(shift2);
      FloatVector d3 = FloatVector.fromArray(FLOAT_SPECIES, x, xAt + i + 2 * LANES).sub(shift3);
      FloatVector d4 = FloatVector.fromArray(FLOAT_SPECIES, x, xAt + i + 3 * LANES).sub(shift4);
      FloatVector dz1 = dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyAt + i), d1, scale1, bias1, act);
      FloatVector dz2 =
          dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyAt + i + LANES), d2, scale2, bias2, act);
      FloatVector dz3 =
          dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyAt + i + 2 * LANES), d3, scale3, bias3, act);
      FloatVector dz4 =
          dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyAt + i + 3 * LANES), d4, scale4, bias4, act);
      if (store) {
        dz1.intoArray(dzOut, dzAt + i);
        dz2.intoArray(dzOut, dzAt + i + LANES);
        dz3.intoArray(dzOut, dzAt + i + 2 * LANES);
        dz4.intoArray(dzOut, dzAt + i + 3 * LANES);
      }
      acc1 = acc1.add(dz1);
      acc2 = acc2.add(dz2);
      acc3 = acc3.add(dz3);
      acc4 = acc4.add(dz4);
      dot1 = dz1.fma(d1, dot1);
      dot2 = dz2.fma(d2, dot2);
      dot3 = dz3.fma(d3, dot3);
      dot4 = dz4.fma(d4, dot4);
    }
    acc1.add(FloatVector.fromArray(FLOAT_SPECIES, work, j)).intoArray(work, j);
    acc2.add(FloatVector.fromArray(FLOAT_SPECIES, work, j + LANES)).intoArray(work, j + LANES);
    acc3.add(FloatVector.fromArray(FLOAT_SPECIES, work, j + 2 * LANES))
        .intoArray(work, j + 2 * LANES);
    acc4.add(FloatVector.fromArray(FLOAT_SPECIES, work, j + 3 * LANES))
        .intoArray(work, j + 3 * LANES);
    dot1.add(FloatVector.fromArray(FLOAT_SPECIES, work, l + j)).intoArray(work, l + j);
    dot2.add(FloatVector.fromArray(FLOAT_SPECIES, work, l + j + LANES)).intoArray(work, l + j + LANES);
    dot3.add(FloatVector.fromArray(FLOAT_SPECIES, work, l + j + 2 * LANES))
        .intoArray(work, l + j + 2 * LANES);
    dot4.add(FloatVector.fromArray(FLOAT_SPECIES, work, l + j + 3 * LANES))
        .intoArray(work, l + j + 3 * LANES);
  }

  /** Backward sums of slots [j, j + lanes) of a pattern of l over whole patterns (dz stored too). */
  private static void slotBackwardSums(float[] x, int xAt, float[] dy, int dyAt, int len, int l,
      Pattern p, int j, Activation act, float[] work, float[] dzOut, int dzAt) {
    boolean store = act != Activation.NONE;
    FloatVector shift = FloatVector.fromArray(FLOAT_SPECIES, p.shift, j);
    FloatVector scale = FloatVector.fromArray(FLOAT_SPECIES, p.scale, j);
    FloatVector bias = FloatVector.fromArray(FLOAT_SPECIES, p.bias, j);
    FloatVector acc = FloatVector.zero(FLOAT_SPECIES);
    FloatVector dot = FloatVector.zero(FLOAT_SPECIES);
    for (int i = 0; i < len; i += l) {
      FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, xAt + i).sub(shift);
      FloatVector dz = dz(FloatVector.fromArray(FLOAT_SPECIES, dy, dyAt + i), d, scale, bias, act);
      if (store) {
        dz.intoArray(dzOut, dzAt + i);
      }
      acc = acc.add(dz);
      dot = dz.fma(d, dot);
    }
    acc.add(FloatVector.fromArray(FLOAT_SPECIES, work, j)).intoArray(work, j);
    dot.add(FloatVector.fromArray(FLOAT_SPECIES, work, l + j)).intoArray(work, l + j);
  }

  /**
   * dx over a pattern of several vectors: whole patterns of four or more vectors through
   * {@link #wholePatternsBackward}, then vector by vector with a slot that wraps around (shorter
   * patterns all the way). The vector-by-vector loop stays here as it was: moved into a method of
   * its own, it ran B1's in-cache dx pass about 15% slower (docs/batchnorm.md, "Loop strip mining").
   */
  private static void patternBackward(float[] x, int xOff, float[] dz, int dzOff, float[] dx,
      int dxOff, int len, Pattern p) {
    int l = p.length;
    int i = l >= 4 * LANES ? wholePatternsBackward(x, xOff, dz, dzOff, dx, dxOff, len, p) : 0;
    int j = 0;
    for (; i <= len - LANES; i += LANES) {
      FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i)
          .sub(FloatVector.fromArray(FLOAT_SPECIES, p.shift, j));
      FloatVector xhat = d.fma(FloatVector.fromArray(FLOAT_SPECIES, p.invStd, j),
          FloatVector.fromArray(FLOAT_SPECIES, p.xhatShift, j));
      FloatVector.fromArray(FLOAT_SPECIES, dz, dzOff + i)
          .fma(FloatVector.fromArray(FLOAT_SPECIES, p.a, j),
              xhat.fma(FloatVector.fromArray(FLOAT_SPECIES, p.b, j),
                  FloatVector.fromArray(FLOAT_SPECIES, p.c, j)))
          .intoArray(dx, dxOff + i);
      j = next(j, l);
    }
    backwardTail(x, xOff, dz, dzOff, dx, dxOff, i, len, p);
  }

  /**
   * dx over the whole patterns of the run, a pattern of four vectors in one straight step with
   * constant slots, a longer one pattern by pattern with the slot as the inner loop's index; returns
   * the elements done. A slot that wraps around within one flat loop made B4 and B5's dx pass 28-36%
   * slower where C2 strip-mines counted loops, which it does under G1, ZGC, Shenandoah and Epsilon
   * but not under Serial or Parallel (docs/batchnorm.md, "Loop strip mining").
   */
  private static int wholePatternsBackward(float[] x, int xOff, float[] dz, int dzOff, float[] dx,
      int dxOff, int len, Pattern p) {
    int l = p.length;
    int whole = len - len % l;
    if (l == 4 * LANES) {
      for (int i = 0; i < whole; i += l) {
        dxVector(x, xOff + i, dz, dzOff + i, dx, dxOff + i, p, 0);
        dxVector(x, xOff + i + LANES, dz, dzOff + i + LANES, dx, dxOff + i + LANES, p, LANES);
        dxVector(x, xOff + i + 2 * LANES, dz, dzOff + i + 2 * LANES, dx, dxOff + i + 2 * LANES,
            p, 2 * LANES);
        dxVector(x, xOff + i + 3 * LANES, dz, dzOff + i + 3 * LANES, dx, dxOff + i + 3 * LANES,
            p, 3 * LANES);
      }
    } else {
      for (int base = 0; base < whole; base += l) {
        for (int j = 0; j < l; j += LANES) {
          int i = base + j;
          dxVector(x, xOff + i, dz, dzOff + i, dx, dxOff + i, p, j);
        }
      }
    }
    return whole;
  }

  /** dx[dxi, dxi + lanes) from x and dz at xi and dzi with pattern slots [j, j + lanes). */
  private static void dxVector(float[] x, int xi, float[] dz, int dzi, float[] dx, int dxi,
      Pattern p, int j) {
    FloatVector xhat = FloatVector.fromArray(FLOAT_SPECIES, x, xi)
        .sub(FloatVector.fromArray(FLOAT_SPECIES, p.shift, j))
        .fma(FloatVector.fromArray(FLOAT_SPECIES, p.invStd, j),
            FloatVector.fromArray(FLOAT_SPECIES, p.xhatShift, j));
    FloatVector.fromArray(FLOAT_SPECIES, dz, dzi)
        .fma(FloatVector.fromArray(FLOAT_SPECIES, p.a, j),
            xhat.fma(FloatVector.fromArray(FLOAT_SPECIES, p.b, j),
                FloatVector.fromArray(FLOAT_SPECIES, p.c, j)))
        .intoArray(dx, dxi);
  }

  // Scalar tails: elements [from, len) of a run; from is a multiple of LANES, so the slot is
  // from mod L + k and stays below L.

  private static void normalizeTail(float[] x, int xOff, float[] y, int yOff, int from, int len,
      Pattern p, Activation act) {
    for (int i = from, j = from % p.length; i < len; i++, j++) {
      float z = Math.fma(x[xOff + i] - p.shift[j], p.scale[j], p.bias[j]);
      y[yOff + i] = ScalarBatchNormLoops.activate(z, act);
    }
  }

  private static void backwardSumsTail(float[] x, int xOff, float[] dy, int dyOff, int from,
      int len, Pattern p, Activation act, float[] work, float[] dzOut, int dzOff) {
    int l = p.length;
    for (int i = from, j = from % l; i < len; i++, j++) {
      float d = x[xOff + i] - p.shift[j];
      float dz = ScalarBatchNormLoops.gradient(Math.fma(d, p.scale[j], p.bias[j]), dy[dyOff + i],
          act);
      if (act != Activation.NONE) {
        dzOut[dzOff + i] = dz;
      }
      work[j] += dz;
      work[l + j] = Math.fma(dz, d, work[l + j]);
    }
  }

  private static void backwardTail(float[] x, int xOff, float[] dz, int dzOff, float[] dx,
      int dxOff, int from, int len, Pattern p) {
    for (int i = from, j = from % p.length; i < len; i++, j++) {
      float xhat = Math.fma(x[xOff + i] - p.shift[j], p.invStd[j], p.xhatShift[j]);
      dx[dxOff + i] = Math.fma(dz[dzOff + i], p.a[j], Math.fma(xhat, p.b[j], p.c[j]));
    }
  }

  /**
   * act(z) for NONE and RELU; the sigmoid has loops of its own (sigmoidNormalize). The ReLU is the
   * scalar {@code z > 0 ? z : 0}, so a NaN z gives +0 as in the tails and the oracle ({@code max}
   * would keep the NaN); z may be a stream vector (runNormalize), hence its own species.
   */
  private static FloatVector activate(FloatVector z, Activation act) {
    return switch (act) {
      case NONE -> z;
      case RELU -> FloatVector.zero(z.species()).blend(z, z.compare(VectorOperators.GT, 0f));
      case SIGMOID -> throw new AssertionError("the sigmoid runs in sigmoidNormalize");
    };
  }

  /**
   * dz = dy * act'(z) with z = d * scale + bias, for NONE and RELU; the ReLU selects, as
   * {@link ScalarBatchNormLoops#gradient}.
   */
  private static FloatVector dz(FloatVector dy, FloatVector d, FloatVector scale, FloatVector bias,
      Activation act) {
    return switch (act) {
      case NONE -> dy;
      case RELU -> FloatVector.zero(FLOAT_SPECIES)
          .blend(dy, d.fma(scale, bias).compare(VectorOperators.GT, 0f));
      case SIGMOID -> throw new AssertionError("the sigmoid runs in sigmoidBackwardSums");
    };
  }

  // The sigmoid loops: one vector per step, coefficients loaded per vector, and one inlined copy of
  // the exponential per method; the dx pass reads the dz that sigmoidBackwardSums stored. Each copy is
  // large: a method holding several (the unrolled loops above) went past C2's inlining budget, the
  // exponentials then returned boxed vectors, and the fused passes ran several times slower than a
  // separate sigmoid kernel.

  private static void sigmoidNormalize(float[] x, int xOff, float[] y, int yOff, int len,
      Pattern p) {
    int l = p.length;
    int i = 0;
    int j = 0;
    for (; i <= len - LANES; i += LANES) {
      FloatVector z = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i)
          .sub(FloatVector.fromArray(FLOAT_SPECIES, p.shift, j))
          .fma(FloatVector.fromArray(FLOAT_SPECIES, p.scale, j),
              FloatVector.fromArray(FLOAT_SPECIES, p.bias, j));
      PanamaMath.sigmoid(z).intoArray(y, yOff + i);
      j = next(j, l);
    }
    normalizeTail(x, xOff, y, yOff, i, len, p, Activation.SIGMOID);
  }

  private static void sigmoidBackwardSums(float[] x, int xOff, float[] dy, int dyOff, int len,
      Pattern p, float[] work, float[] dzOut, int dzOff) {
    int l = p.length;
    int i = 0;
    int j = 0;
    for (; i <= len - LANES; i += LANES) {
      FloatVector d = FloatVector.fromArray(FLOAT_SPECIES, x, xOff + i)
          .sub(FloatVector.fromArray(FLOAT_SPECIES, p.shift, j));
      FloatVector s = PanamaMath.sigmoid(d.fma(FloatVector.fromArray(FLOAT_SPECIES, p.scale, j),
          FloatVector.fromArray(FLOAT_SPECIES, p.bias, j)));
      FloatVector dz = FloatVector.fromArray(FLOAT_SPECIES, dy, dyOff + i).mul(s)
          .mul(s.neg().add(1f));
      dz.intoArray(dzOut, dzOff + i);
      FloatVector.fromArray(FLOAT_SPECIES, work, j).add(dz).intoArray(work, j);
      dz.fma(d, FloatVector.fromArray(FLOAT_SPECIES, work, l + j)).intoArray(work, l + j);
      j = next(j, l);
    }
    backwardSumsTail(x, xOff, dy, dyOff, i, len, p, Activation.SIGMOID, work, dzOut, dzOff);
  }

  private static int next(int j, int l) {
    int n = j + LANES;
    return n == l ? 0 : n;
  }
}
