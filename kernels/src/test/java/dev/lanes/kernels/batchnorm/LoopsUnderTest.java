package dev.lanes.kernels.batchnorm;

import dev.lanes.kernels.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What the loop-level tests share: the implementations to run and their input values. */
final class LoopsUnderTest {
  private LoopsUnderTest() {}

  /** The scalar loops, and the Panama loops where the Vector API is readable. */
  static List<BatchNormLoops> implementations() {
    List<BatchNormLoops> implementations = new ArrayList<>();
    implementations.add(new ScalarBatchNormLoops());
    if (Kernels.panamaAvailable()) {
      implementations.add(BatchNorms.panamaLoops());
    }
    return implementations;
  }

  /** n values of mean 0.5 and standard deviation 2. */
  static float[] values(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (random.nextGaussian() * 2 + 0.5);
    }
    return a;
  }
}
