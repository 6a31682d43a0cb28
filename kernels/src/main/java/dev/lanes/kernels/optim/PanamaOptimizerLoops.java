package dev.lanes.kernels.optim;

import static dev.lanes.kernels.panama.PanamaVectorConstants.FLOAT_SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** The optimizer loops on the Vector API; the tail runs the same vector code through a mask. */
final class PanamaOptimizerLoops implements OptimizerLoops {
  private static final VectorSpecies<Float> S = FLOAT_SPECIES;
  private static final int L = S.length();

  @Override
  public String describe() {
    return "panama " + S.vectorBitSize() + "-bit";
  }

  @Override
  public void rmsProp(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int len,
      float lr, float rho, float eps) {
    float keep = 1 - rho;
    int i = 0;
    int limit = S.loopBound(len);
    for (; i < limit; i += L) {
      FloatVector gv = FloatVector.fromArray(S, g, gOff + i);
      FloatVector vv = FloatVector.fromArray(S, v, vOff + i).mul(rho).add(gv.mul(keep).mul(gv));
      vv.intoArray(v, vOff + i);
      FloatVector.fromArray(S, w, wOff + i).sub(gv.mul(lr).div(vv.sqrt().add(eps)))
          .intoArray(w, wOff + i);
    }
    if (i < len) {
      VectorMask<Float> m = S.indexInRange(i, len);
      FloatVector gv = FloatVector.fromArray(S, g, gOff + i, m);
      FloatVector vv = FloatVector.fromArray(S, v, vOff + i, m).mul(rho).add(gv.mul(keep).mul(gv));
      vv.intoArray(v, vOff + i, m);
      FloatVector.fromArray(S, w, wOff + i, m).sub(gv.mul(lr).div(vv.sqrt().add(eps)))
          .intoArray(w, wOff + i, m);
    }
  }

  @Override
  public void sgd(float[] w, int wOff, float[] g, int gOff, int len, float lr) {
    int i = 0;
    int limit = S.loopBound(len);
    for (; i < limit; i += L) {
      FloatVector.fromArray(S, w, wOff + i).sub(FloatVector.fromArray(S, g, gOff + i).mul(lr))
          .intoArray(w, wOff + i);
    }
    if (i < len) {
      VectorMask<Float> m = S.indexInRange(i, len);
      FloatVector.fromArray(S, w, wOff + i, m).sub(FloatVector.fromArray(S, g, gOff + i, m).mul(lr))
          .intoArray(w, wOff + i, m);
    }
  }
}
