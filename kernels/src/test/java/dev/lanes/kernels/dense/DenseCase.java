package dev.lanes.kernels.dense;

import dev.lanes.kernels.Floats;
import dev.lanes.kernels.Implementations;
import dev.lanes.reference.support.Gen;
import java.util.ArrayList;
import java.util.List;

/**
 * One seeded dense case: extents, a kind of data, and the float operands made from the seed. Its
 * {@link #toString} (seed, extents, data) is in every failure message, so the case replays.
 */
record DenseCase(long seed, int n, int in, int out, Data data) {

  enum Data {
    NORMAL,
    /** x around 50 with std 1, W of mean 0: the products cancel, the tolerance follows sum |terms|. */
    CANCELLING
  }

  /**
   * (n, in, out): ones, around 1 and 4 vectors of the running width, primes, LeNet's three layers at
   * batch 64 and batch 1, reductions over more than one k-block, and products over several row and
   * column blocks (split over threads).
   */
  static List<DenseCase> all() {
    int l = Implementations.lanes();
    int[][] dims = {
        {1, 1, 1}, {1, 7, 1}, {1, 1, 13}, {2, 3, 5}, {3, l - 1, l + 1}, {5, l, l},
        {4, l + 1, 4 * l - 1}, {6, 4 * l + 1, 4 * l}, {7, 13, 4 * l + 1}, {9, 2 * l + 1, 3 * l},
        {13, 29, 67}, {17, 31, 131}, {1, 400, 120}, {64, 400, 120}, {64, 120, 84}, {64, 84, 10},
        {3, 600, 2}, {1, 1031, 3}, {9, 600, 4 * l + 3}, {65, 257, 300}, {66, 1100, 300},
        {130, 5, 513},
    };
    List<DenseCase> cases = new ArrayList<>();
    long seed = 41_000;
    for (int[] d : dims) {
      for (Data data : Data.values()) {
        cases.add(new DenseCase(seed++, d[0], d[1], d[2], data));
      }
    }
    return cases;
  }

  float[] x() {
    Gen gen = new Gen(seed);
    return Floats.floats(data == Data.NORMAL ? gen.normal(n * in, 0, 1) : gen.normal(n * in, 50, 1));
  }

  float[] w() {
    return Floats.floats(new Gen(seed + 1).normal(in * out, 0, 1 / Math.sqrt(in)));
  }

  float[] b() {
    return Floats.floats(new Gen(seed + 2).normal(out, 0, 1));
  }

  float[] dy() {
    return Floats.floats(new Gen(seed + 3).normal(n * out, 0.1, 1));
  }

  @Override
  public String toString() {
    return "seed " + seed + ", n " + n + " x in " + in + " x out " + out + ", " + data;
  }
}
