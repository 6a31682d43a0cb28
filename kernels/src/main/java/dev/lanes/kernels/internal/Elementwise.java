package dev.lanes.kernels.internal;

/**
 * How element-wise kernels (activations, optimizer steps) cut a long span into tasks: fixed blocks of
 * {@link #BLOCK} elements, whatever the thread count, run in parallel only from {@link #PARALLEL_MIN}
 * elements. Each element's result depends on its own inputs alone, so neither the blocks nor the
 * threads change a bit.
 */
public final class Elementwise {
  /** Elements per task: a multiple of every vector length. */
  public static final int BLOCK = 1 << 16;
  /**
   * Elements from which a call is split over the workers: below it, waking parked workers costs more
   * than the loop takes (as measured for batch norm, whose passes are as memory-bound as these).
   */
  public static final int PARALLEL_MIN = 1 << 20;

  private Elementwise() {}

  /** Number of blocks covering {@code count} elements. */
  public static int blocks(int count) {
    return (count + BLOCK - 1) / BLOCK;
  }

  /** Elements in block {@code b} of a span of {@code count}. */
  public static int length(int b, int count) {
    return Math.min(BLOCK, count - b * BLOCK);
  }

  /** True when a span of {@code count} elements is worth splitting over the workers. */
  public static boolean parallel(int count) {
    return count >= PARALLEL_MIN;
  }
}
