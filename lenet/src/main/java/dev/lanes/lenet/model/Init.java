package dev.lanes.lenet.model;

import java.util.SplittableRandom;

/** Seeded weight initialization. */
final class Init {
  private final SplittableRandom random;

  Init(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Keras' default kernel initializer: uniform in +-sqrt(6 / (fanIn + fanOut)). */
  void glorotUniform(float[] w, int fanIn, int fanOut) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
  }
}
