package dev.lanes.kernels.activation;

import static dev.lanes.kernels.panama.PanamaVectorConstants.FLOAT_SPECIES;

import dev.lanes.kernels.panama.PanamaMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The activation loops on the Vector API. The sigmoid is {@link PanamaMath#sigmoid} (the same bits in
 * every JIT tier). Tails run the vector code through a mask instead of a scalar loop, so an element's
 * result does not depend on whether it falls in a tail.
 * sigmoidBackward and both ReLU loops use the scalar loops' exact operations, so they give the same
 * bits as the scalar implementation.
 */
final class PanamaActivationLoops implements ActivationLoops {
  private static final VectorSpecies<Float> S = FLOAT_SPECIES;
  private static final int L = S.length();

  @Override
  public String describe() {
    return "panama " + S.vectorBitSize() + "-bit";
  }

  @Override
  public void sigmoidForward(float[] x, int xOff, float[] y, int yOff, int len) {
    // an unmasked main loop with the exponential inlined into it, and the masked tail in its own small
    // method: a masked loop throughout ran at a fraction of the speed, and a second inlined copy of the
    // exponential in the same method pushed C2 past its inlining budget (the exponential then returned
    // boxed vectors)
    int i = 0;
    int limit = S.loopBound(len);
    for (; i < limit; i += L) {
      PanamaMath.sigmoid(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
    }
    if (i < len) {
      sigmoidTail(x, xOff + i, y, yOff + i, len - i);
    }
  }

  /** The last len < L elements, through a mask (the same lane-wise operations as the main loop). */
  private static void sigmoidTail(float[] x, int xOff, float[] y, int yOff, int len) {
    VectorMask<Float> m = S.indexInRange(0, len);
    PanamaMath.sigmoid(FloatVector.fromArray(S, x, xOff, m)).intoArray(y, yOff, m);
  }

  @Override
  public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
      int len) {
    int i = 0;
    int limit = S.loopBound(len);
    for (; i < limit; i += L) {
      FloatVector s = FloatVector.fromArray(S, y, yOff + i);
      FloatVector.fromArray(S, dy, dyOff + i).mul(s).mul(s.neg().add(1f)).intoArray(dx, dxOff + i);
    }
    if (i < len) {
      VectorMask<Float> m = S.indexInRange(i, len);
      FloatVector s = FloatVector.fromArray(S, y, yOff + i, m);
      FloatVector.fromArray(S, dy, dyOff + i, m).mul(s).mul(s.neg().add(1f))
          .intoArray(dx, dxOff + i, m);
    }
  }

  @Override
  public void reluForward(float[] x, int xOff, float[] y, int yOff, int len) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    int limit = S.loopBound(len);
    for (; i < limit; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
    }
    if (i < len) {
      VectorMask<Float> m = S.indexInRange(i, len);
      FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
      zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i, m);
    }
  }

  @Override
  public void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff,
      int len) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    int limit = S.loopBound(len);
    for (; i < limit; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      zero.blend(FloatVector.fromArray(S, dy, dyOff + i), v.compare(VectorOperators.GT, 0f))
          .intoArray(dx, dxOff + i);
    }
    if (i < len) {
      VectorMask<Float> m = S.indexInRange(i, len);
      FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
      zero.blend(FloatVector.fromArray(S, dy, dyOff + i, m), v.compare(VectorOperators.GT, 0f))
          .intoArray(dx, dxOff + i, m);
    }
  }
}
