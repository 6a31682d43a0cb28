package dev.lanes.kernels.loss;

import static dev.lanes.kernels.panama.PanamaVectorConstants.FLOAT_SPECIES;

import dev.lanes.kernels.panama.PanamaMath;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loss rows on the Vector API: the row's exponentials or sigmoids ({@link PanamaMath}, the same
 * bits in every JIT tier) are written to the output row (or scratch) in float, summed in double in index
 * order (not {@code reduceLanes(ADD)}, whose order is unspecified), and scaled in float.
 *
 * <p>Every loop runs masked, tail and body alike: rows are short (LeNet's has 10 scores, less than a
 * vector), and one copy of the exponential per loop keeps each compiled method within C2's inlining
 * budget. With a separate unmasked body and masked tail, the row methods inlined four exponentials and
 * C2 left some vector operations out of line, which boxed vectors: tens of kilobytes per call.
 */
final class PanamaLossLoops implements LossLoops {
  private static final VectorSpecies<Float> S = FLOAT_SPECIES;
  private static final int L = S.length();
  /**
   * 2^-25. A row of the sigmoid head whose sigmoids sum below it has every sigmoid below it (every
   * score below -17.3), where o = e^z / (1 + e^z) is e^z within float rounding and 1 - o is 1 in
   * float; the head then works from the ratios e^(z - max) ({@link #exps}), as the float sigmoids of
   * scores below -87.3 are denormal or, below -88.3 where exp clamps, all about 4.5e-39. In a row
   * summing above it, such a clamped sigmoid moves p by at most 4.5e-39 / 2^-25, 1.5e-31.
   */
  private static final double FAR_NEGATIVE_SUM = 0x1p-25;

  private float[] row = new float[0];

  @Override
  public String describe() {
    return "panama " + S.vectorBitSize() + "-bit";
  }

  @Override
  public double softmaxCrossEntropy(float[] z, int off, int k, int label, float[] d, int dOff,
      int n) {
    float max = max(z, off, k);
    float[] e = d != null ? d : row(k);
    int eOff = d != null ? dOff : 0;
    double sum = exps(z, off, k, max, e, eOff);
    double loss = Math.log(sum) - ((double) z[off + label] - max);
    if (d != null) {
      float invSum = (float) (1 / sum);
      float eLabel = e[eOff + label];
      scale(e, eOff, k, invSum, n);
      d[dOff + label] = (eLabel * invSum - 1f) / n;
    }
    return loss;
  }

  @Override
  public void softmax(float[] z, int off, int k, float[] p, int pOff) {
    double sum = exps(z, off, k, max(z, off, k), p, pOff);
    scale(p, pOff, k, (float) (1 / sum), 1);
  }

  /**
   * In a row summing below {@link #FAR_NEGATIVE_SUM}, o holds e^(z - max), in proportion to the
   * sigmoids, and 1 - o_j is 1: the gradient p_j (1 - o_j) - [j == label] (1 - o_label) is then
   * p_j - [j == label].
   */
  @Override
  public double sigmoidHead(float[] z, int off, int k, int label, float[] d, int dOff, int n) {
    float[] o = d != null ? d : row(k);
    int oOff = d != null ? dOff : 0;
    double sum = sigmoids(z, off, k, o, oOff);
    boolean farNegative = sum < FAR_NEGATIVE_SUM;
    if (farNegative) {
      sum = exps(z, off, k, max(z, off, k), o, oOff);
    }
    float oLabel = o[oOff + label];
    double pLabel = oLabel / sum;
    boolean clipped = pLabel < RowLosses.EPSILON || pLabel > 1 - RowLosses.EPSILON;
    if (d != null) {
      if (clipped) {
        Arrays.fill(d, dOff, dOff + k, 0f);
      } else {
        float invSum = (float) (1 / sum);
        float rest;
        if (farNegative) {
          scale(d, dOff, k, invSum, n);
          rest = 1;
        } else {
          sigmoidHeadGradient(d, dOff, k, invSum, n);
          rest = 1 - oLabel;
        }
        d[dOff + label] = (oLabel * invSum * rest - rest) / n;
      }
    }
    return -Math.log(Math.min(Math.max(pLabel, RowLosses.EPSILON), 1 - RowLosses.EPSILON));
  }

  @Override
  public void sigmoidHeadProbabilities(float[] z, int off, int k, float[] p, int pOff) {
    double sum = sigmoids(z, off, k, p, pOff);
    if (sum < FAR_NEGATIVE_SUM) {
      sum = exps(z, off, k, max(z, off, k), p, pOff);
    }
    scale(p, pOff, k, (float) (1 / sum), 1);
  }

  private static float max(float[] z, int off, int k) {
    FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    for (int j = 0; j < k; j += L) {
      VectorMask<Float> m = S.indexInRange(j, k);
      acc = acc.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, z, off + j, m), m);
    }
    return acc.reduceLanes(VectorOperators.MAX);
  }

  /**
   * e[eOff + j] = exp(z_j - max); returns their sum, in double, in index order. To about an ulp where
   * z_j - max is above -87.3, about 1.2e-38 below it (exp clamps), for z_j = -Inf too.
   */
  private static double exps(float[] z, int off, int k, float max, float[] e, int eOff) {
    for (int j = 0; j < k; j += L) {
      VectorMask<Float> m = S.indexInRange(j, k);
      FloatVector v = FloatVector.fromArray(S, z, off + j, m);
      // exp(z - max) to about an ulp however far z lies below max: z - max rounded to float errs by
      // up to |z - max| * 2^-24 relative (6e-6 at -100), so its rounding error lo is recovered
      // exactly (TwoSum) and applied as exp(hi + lo) = exp(hi) * (1 + lo).
      FloatVector hi = v.sub(max);
      FloatVector back = hi.sub(v);
      FloatVector lo = v.sub(hi.sub(back)).sub(back.add(max));
      // z_j = -Inf makes hi - z_j, hence lo, NaN; its exponential needs no correction.
      lo = lo.blend(0f, lo.test(VectorOperators.IS_NAN));
      FloatVector ev = PanamaMath.exp(hi);
      ev.fma(lo, ev).intoArray(e, eOff + j, m);
    }
    return sum(e, eOff, k);
  }

  /** o[oOff + j] = sigmoid(z_j); returns their sum, in double, in index order. */
  private static double sigmoids(float[] z, int off, int k, float[] o, int oOff) {
    for (int j = 0; j < k; j += L) {
      VectorMask<Float> m = S.indexInRange(j, k);
      PanamaMath.sigmoid(FloatVector.fromArray(S, z, off + j, m)).intoArray(o, oOff + j, m);
    }
    return sum(o, oOff, k);
  }

  private static double sum(float[] a, int off, int k) {
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += a[off + j];
    }
    return sum;
  }

  /** a = a * invSum / n, in place. */
  private static void scale(float[] a, int off, int k, float invSum, int n) {
    float count = n;
    for (int j = 0; j < k; j += L) {
      VectorMask<Float> m = S.indexInRange(j, k);
      FloatVector.fromArray(S, a, off + j, m).mul(invSum).div(count).intoArray(a, off + j, m);
    }
  }

  /** d = o * invSum * (1 - o) / n, in place over the sigmoids o held in d. */
  private static void sigmoidHeadGradient(float[] d, int off, int k, float invSum, int n) {
    float count = n;
    for (int j = 0; j < k; j += L) {
      VectorMask<Float> m = S.indexInRange(j, k);
      FloatVector o = FloatVector.fromArray(S, d, off + j, m);
      o.mul(invSum).mul(o.neg().add(1f)).div(count).intoArray(d, off + j, m);
    }
  }

  private float[] row(int k) {
    if (row.length < k) {
      row = new float[k];
    }
    return row;
  }
}
