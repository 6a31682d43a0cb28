package dev.lanes.kernels.pool;

import static dev.lanes.kernels.panama.PanamaVectorConstants.FLOAT_SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The max-pool loops on the Vector API, one output per lane, with the window's best value and its
 * offset (an int vector of the same lane count) carried through the window scan.
 * <ul>
 *   <li>NHWC with at least a vector of channels: the lanes are adjacent channels of one pixel, so every
 *       window element is one contiguous load;
 *   <li>NCHW with 2x2 windows at stride 2 (LeNet's poolings): per output row, each of the two input
 *       rows is read as contiguous vectors of 2 * L inputs, split into even and odd columns by a
 *       two-vector {@code selectFrom}; the row's last partial vector goes through a mask in
 *       {@link #pairsTail};
 *   <li>otherwise (other NCHW poolings, or few channels): the lanes are consecutive outputs of a plane, and each
 *       window element is a gather through a table of the outputs' window origins, built once per
 *       call by {@link #prepare}.
 * </ul>
 * A plane's or pixel's last vector goes through a mask, so every output takes the same path. The int
 * stores of argmax take masks made as int masks: a float mask cast to int ran its index checks in Java,
 * lane by lane (JDK 25); the 2x2/2 row tail stores whole vectors where the lanes past the row are this
 * task's later outputs.
 */
final class PanamaMaxPoolLoops implements MaxPoolLoops {
  private static final VectorSpecies<Float> S = FLOAT_SPECIES;
  private static final VectorSpecies<Integer> I = S.withLanes(int.class);
  private static final int L = S.length();

  /** Window origins of a plane's outputs, padded with zeros to whole vectors. */
  private int[] origins = new int[0];
  /** The geometry {@link #origins} was built for. */
  private PoolGeometry prepared;

  @Override
  public String describe() {
    return "panama " + S.vectorBitSize() + "-bit";
  }

  @Override
  public void prepare(PoolGeometry g) {
    if (g.inner >= L || g == prepared) {
      return;
    }
    int padded = (g.planeOut + L - 1) / L * L;
    if (origins.length < padded) {
      origins = new int[padded];
    }
    for (int j = 0; j < g.planeOut; j++) {
      origins[j] = g.origin(j);
    }
    // the padding lanes are masked off, but keep them valid offsets whatever a larger plane left there
    Arrays.fill(origins, g.planeOut, padded, 0);
    prepared = g;
  }

  @Override
  public void forward(PoolGeometry g, float[] x, int xOff, float[] y, int yOff, int[] argmax,
      int argOff, int p0, int p1) {
    if (g.inner >= L) {
      channels(g, x, xOff, y, yOff, argmax, argOff, p0, p1);
    } else if (g.inner == 1 && g.size == 2 && g.stride == 2) {
      pairs(g, x, xOff, y, yOff, argmax, argOff, p0, p1);
    } else {
      gathered(g, x, xOff, y, yOff, argmax, argOff, p0, p1);
    }
  }

  private static void channels(PoolGeometry g, float[] x, int xOff, float[] y, int yOff,
      int[] argmax, int argOff, int p0, int p1) {
    IntVector iota = IntVector.zero(I).addIndex(1);
    int size = g.size;
    int rowStep = g.rowStep;
    int colStep = g.colStep;
    for (int p = p0; p < p1; p++) {
      int inBase = p * g.planeIn;
      int j = p * g.planeOut;
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++, j += g.inner) {
          int pixel = inBase + (oy * rowStep + ox * colStep) * g.stride;
          for (int c = 0; c < g.inner; c += L) {
            VectorMask<Float> m = S.indexInRange(c, g.inner);
            int origin = pixel + c;
            FloatVector max = FloatVector.fromArray(S, x, xOff + origin, m);
            IntVector best = iota.add(origin);
            for (int ky = 0; ky < size; ky++) {
              for (int kx = ky == 0 ? 1 : 0; kx < size; kx++) {
                int at = origin + ky * rowStep + kx * colStep;
                FloatVector v = FloatVector.fromArray(S, x, xOff + at, m);
                VectorMask<Float> take = takes(v, max);
                max = max.blend(v, take);
                best = best.blend(iota.add(at), take.cast(I));
              }
            }
            max.intoArray(y, yOff + j + c, m);
            if (argmax != null) {
              best.intoArray(argmax, argOff + j + c, I.indexInRange(c, g.inner));
            }
          }
        }
      }
    }
  }

  private void gathered(PoolGeometry g, float[] x, int xOff, float[] y, int yOff, int[] argmax,
      int argOff, int p0, int p1) {
    int[] table = origins;
    int size = g.size;
    int rowStep = g.rowStep;
    int colStep = g.colStep;
    for (int p = p0; p < p1; p++) {
      int inBase = p * g.planeIn;
      int outBase = p * g.planeOut;
      for (int j = 0; j < g.planeOut; j += L) {
        VectorMask<Float> m = S.indexInRange(j, g.planeOut);
        IntVector origin = IntVector.fromArray(I, table, j).add(inBase);
        FloatVector max = FloatVector.fromArray(S, x, xOff + inBase, table, j, m);
        IntVector best = origin;
        for (int ky = 0; ky < size; ky++) {
          for (int kx = ky == 0 ? 1 : 0; kx < size; kx++) {
            int d = ky * rowStep + kx * colStep;
            FloatVector v = FloatVector.fromArray(S, x, xOff + inBase + d, table, j, m);
            VectorMask<Float> take = takes(v, max);
            max = max.blend(v, take);
            best = best.blend(origin.add(d), take.cast(I));
          }
        }
        max.intoArray(y, yOff + outBase + j, m);
        if (argmax != null) {
          best.intoArray(argmax, argOff + outBase + j, I.indexInRange(j, g.planeOut));
        }
      }
    }
  }

  /** Even and odd lane indices 0, 2, 4, ... and 1, 3, 5, ... (of the 2 * L lanes of two vectors). */
  private static final FloatVector EVEN = FloatVector.fromArray(S, lanes(0), 0);
  private static final FloatVector ODD = FloatVector.fromArray(S, lanes(1), 0);

  private static float[] lanes(int first) {
    float[] a = new float[L];
    for (int i = 0; i < L; i++) {
      a[i] = first + 2 * i;
    }
    return a;
  }

  /**
   * NCHW, size 2, stride 2. Output (oy, ox) reads, in scan order, a = row 2oy column 2ox, b = its right
   * neighbour, c and d the two below; a vector of L outputs reads 2 * L contiguous inputs of each row.
   */
  private static void pairs(PoolGeometry g, float[] x, int xOff, float[] y, int yOff, int[] argmax,
      int argOff, int p0, int p1) {
    int w = g.rowStep;
    int outW = g.outW;
    int limit = S.loopBound(outW);
    IntVector twice = IntVector.zero(I).addIndex(2);
    for (int p = p0; p < p1; p++) {
      int inBase = p * g.planeIn;
      int outBase = p * g.planeOut;
      for (int oy = 0; oy < g.outH; oy++) {
        int row = inBase + 2 * oy * w;
        int out = outBase + oy * outW;
        int ox = 0;
        for (; ox < limit; ox += L) {
          int at = row + 2 * ox;
          FloatVector lo0 = FloatVector.fromArray(S, x, xOff + at);
          FloatVector hi0 = FloatVector.fromArray(S, x, xOff + at + L);
          FloatVector lo1 = FloatVector.fromArray(S, x, xOff + at + w);
          FloatVector hi1 = FloatVector.fromArray(S, x, xOff + at + w + L);
          FloatVector max = EVEN.selectFrom(lo0, hi0);
          FloatVector b = ODD.selectFrom(lo0, hi0);
          FloatVector c = EVEN.selectFrom(lo1, hi1);
          FloatVector d = ODD.selectFrom(lo1, hi1);
          VectorMask<Float> tb = takes(b, max);
          max = max.blend(b, tb);
          VectorMask<Float> tc = takes(c, max);
          max = max.blend(c, tc);
          VectorMask<Float> td = takes(d, max);
          max = max.blend(d, td);
          max.intoArray(y, yOff + out + ox);
          if (argmax != null) {
            IntVector origin = twice.add(at);
            origin.blend(origin.add(1), tb.cast(I)).blend(origin.add(w), tc.cast(I))
                .blend(origin.add(w + 1), td.cast(I)).intoArray(argmax, argOff + out + ox);
          }
        }
        if (ox < outW) {
          pairsTail(x, xOff, y, yOff + out + ox, argmax, argOff + out + ox,
              argOff + p1 * g.planeOut, row + 2 * ox, w, outW - ox);
        }
      }
    }
  }

  /**
   * The last n < L outputs of a row of {@link #pairs}, whose window row starts at at. argmax before
   * argEnd belongs to this task and is written in increasing order.
   */
  private static void pairsTail(float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff,
      int argEnd, int at, int w, int n) {
    VectorMask<Float> mLo = S.indexInRange(0, 2 * n);
    FloatVector lo0 = FloatVector.fromArray(S, x, xOff + at, mLo);
    FloatVector lo1 = FloatVector.fromArray(S, x, xOff + at + w, mLo);
    FloatVector hi0 = FloatVector.zero(S);
    FloatVector hi1 = hi0;
    if (2 * n > L) {
      // only then does the window row reach a second vector (a mask with no lane set still costs a
      // lane-by-lane index check where its offset runs past the limit)
      VectorMask<Float> mHi = S.indexInRange(0, 2 * n - L);
      hi0 = FloatVector.fromArray(S, x, xOff + at + L, mHi);
      hi1 = FloatVector.fromArray(S, x, xOff + at + w + L, mHi);
    }
    FloatVector max = EVEN.selectFrom(lo0, hi0);
    FloatVector b = ODD.selectFrom(lo0, hi0);
    FloatVector c = EVEN.selectFrom(lo1, hi1);
    FloatVector d = ODD.selectFrom(lo1, hi1);
    VectorMask<Float> tb = takes(b, max);
    max = max.blend(b, tb);
    VectorMask<Float> tc = takes(c, max);
    max = max.blend(c, tc);
    VectorMask<Float> td = takes(d, max);
    max = max.blend(d, td);
    VectorMask<Float> m = S.indexInRange(0, n);
    max.intoArray(y, yOff, m);
    if (argmax != null) {
      IntVector origin = IntVector.zero(I).addIndex(2).add(at);
      IntVector best = origin.blend(origin.add(1), tb.cast(I)).blend(origin.add(w), tc.cast(I))
          .blend(origin.add(w + 1), td.cast(I));
      if (argOff + L <= argEnd) {
        // a whole vector: the lanes past n land on outputs this task writes later, a masked int
        // store checks its lanes in Java (JDK 25) and cost more than the rest of the pooling
        best.intoArray(argmax, argOff);
      } else {
        best.intoArray(argmax, argOff, I.indexInRange(0, n));
      }
    }
  }

  /** Lanes where v replaces the best so far: {@code !(v <= max) && max == max}. */
  private static VectorMask<Float> takes(FloatVector v, FloatVector max) {
    return v.compare(VectorOperators.LE, max).or(max.compare(VectorOperators.NE, max)).not();
  }
}
