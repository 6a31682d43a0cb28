package dev.lanes.kernels.panama;

import static dev.lanes.kernels.panama.PanamaVectorConstants.FLOAT_SPECIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The vector exp and sigmoid against Math, and their range ends. Excluded from the fallback run. */
class PanamaMathTest {

  @Test
  void expIsWithinTwoUlpsOverItsRange() {
    int lanes = FLOAT_SPECIES.length();
    float[] x = new float[lanes];
    float[] y = new float[lanes];
    for (float start = -87f; start < 88f; start += 0.0137f * lanes) {
      for (int i = 0; i < lanes; i++) {
        x[i] = start + 0.0137f * i;
      }
      PanamaMath.exp(FloatVector.fromArray(FLOAT_SPECIES, x, 0)).intoArray(y, 0);
      for (int i = 0; i < lanes; i++) {
        double expected = Math.exp(x[i]);
        if (Math.abs(y[i] - expected) > 2 * Math.ulp((float) expected)) {
          fail("exp(" + x[i] + ") = " + y[i] + ", expected " + expected);
        }
      }
    }
  }

  @Test
  void sigmoidSaturatesWithoutNaN() {
    float[] z = new float[FLOAT_SPECIES.length()];
    float[] s = new float[z.length];
    float[] ends = {-1e30f, -200f, -90f, 0f, 90f, 200f, 1e30f, Float.MAX_VALUE};
    for (float v : ends) {
      java.util.Arrays.fill(z, v);
      PanamaMath.sigmoid(FloatVector.fromArray(FLOAT_SPECIES, z, 0)).intoArray(s, 0);
      double expected = 1 / (1 + Math.exp(-v));
      assertEquals(expected, s[0], 1e-7, "sigmoid(" + v + ")");
    }
  }
}
