package dev.lanes.kernels.loss;

import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementations;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;

/**
 * One seeded classifier-head case: n rows of k scores, a kind of data, labels; its {@link #toString} is
 * in every failure message, so the case replays.
 */
record LossCase(long seed, int n, int k, Data data) {

  enum Data {
    NORMAL,
    /** std 1e4 for softmax (every row one-hot to float precision); std 20 for the sigmoid head. */
    LARGE,
    /**
     * rows of three kinds: label +30 and the rest -30 (p_label about 1: the sigmoid head's upper clip),
     * label -30 and the rest +30 (its lower clip), and ordinary rows.
     */
    SATURATED,
    /**
     * scores in [-100, -90], one of them -Inf (not the label) where a row has two or more: below
     * -88.3 a float sigmoid is denormal or (through the clamped vector exp) the same for every
     * score, so the sigmoid head must work from the ratios, and -Inf must not make the row NaN.
     */
    FAR_NEGATIVE
  }

  /** (n, k): one row, one class, LeNet's head, around one and four vectors, wide rows, primes. */
  static List<LossCase> all() {
    int l = Implementations.lanes();
    int[][] dims = {
        {1, 1}, {1, 10}, {5, 1}, {64, 10}, {3, l - 1}, {5, l}, {7, l + 1}, {2, 4 * l + 1},
        {2, 1000}, {13, 37},
    };
    List<LossCase> cases = new ArrayList<>();
    long seed = 81_000;
    for (int[] d : dims) {
      for (Data data : Data.values()) {
        cases.add(new LossCase(seed++, d[0], d[1], data));
      }
    }
    return cases;
  }

  int[] labels() {
    return new Gen(seed + 1).ints(n, k);
  }

  /** Logits for softmax: LARGE is std 1e4. */
  float[] logits() {
    return logits(1e4);
  }

  /**
   * Logits for the sigmoid head: LARGE is std 20 (some scores below -87, where a float sigmoid is
   * denormal or clamped).
   */
  float[] sigmoidLogits() {
    return logits(20);
  }

  private float[] logits(double largeStd) {
    Gen gen = new Gen(seed);
    return switch (data) {
      case NORMAL -> Floats.floats(gen.normal(n * k, 0, 3));
      case LARGE -> Floats.floats(gen.normal(n * k, 0, largeStd));
      case SATURATED -> {
        float[] z = Floats.floats(gen.normal(n * k, 0, 3));
        int[] labels = labels();
        for (int r = 0; r < n; r++) {
          float sign = r % 3 == 0 ? 1 : r % 3 == 1 ? -1 : 0;
          if (sign != 0) {
            for (int j = 0; j < k; j++) {
              z[r * k + j] = j == labels[r] ? 30 * sign : -30 * sign;
            }
          }
        }
        yield z;
      }
      case FAR_NEGATIVE -> {
        float[] z = Floats.floats(gen.uniform(n * k, -100, -90));
        int[] labels = labels();
        for (int r = 0; k > 1 && r < n; r++) {
          z[r * k + (labels[r] + 1) % k] = Float.NEGATIVE_INFINITY;
        }
        yield z;
      }
    };
  }

  @Override
  public String toString() {
    return "seed " + seed + ", n " + n + " x k " + k + ", " + data;
  }
}
