package dev.lanes.kernels.panama;

import static dev.lanes.kernels.panama.PanamaVectorConstants.FLOAT_SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Elementary functions built from IEEE add, multiply, fma and bit operations only. The Vector API's own
 * {@code EXP} gives different last bits when C2 intrinsifies it (SVML) than in the interpreter or C1, so
 * a kernel using it would change its results with JIT warm-up; these give the same bits in every tier.
 */
public final class PanamaMath {
  private PanamaMath() {}

  // exp(x) = 2^n * exp(r), n = round(x / ln 2), r = x - n * ln 2 (ln 2 split in two for exactness);
  // exp(r) on [-ln2/2, ln2/2] by a degree-7 polynomial (Cephes expf), about 1 ulp.
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float LOG2E = 1.44269504088896341f;
  /** Adding and subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer. */
  private static final float ROUND = 12582912f;
  private static final float MAX_ARG = 88.3f;
  private static final float MIN_ARG = -87.3f;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;

  /** e^x, lane-wise; arguments are clamped to [-87.3, 88.3], so no result is 0, denormal or infinite. */
  public static FloatVector exp(FloatVector x) {
    FloatVector v = x.max(MIN_ARG).min(MAX_ARG);
    FloatVector n = v.fma(LOG2E, ROUND).sub(ROUND);
    FloatVector r = n.fma(-LN2_HI, 0f).add(v);
    r = n.fma(-LN2_LO, 0f).add(r);
    FloatVector p = r.fma(P0, P1);
    p = p.fma(r, broadcast(P2));
    p = p.fma(r, broadcast(P3));
    p = p.fma(r, broadcast(P4));
    p = p.fma(r, broadcast(P5));
    p = p.fma(r.mul(r), r).add(1f);
    IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127)
        .lanewise(VectorOperators.LSHL, 23);
    return p.mul(bits.reinterpretAsFloats());
  }

  private static FloatVector broadcast(float c) {
    return FloatVector.broadcast(FLOAT_SPECIES, c);
  }

  /** 1 / (1 + e^-z), lane-wise. */
  public static FloatVector sigmoid(FloatVector z) {
    return FloatVector.broadcast(FLOAT_SPECIES, 1f).div(exp(z.neg()).add(1f));
  }
}
