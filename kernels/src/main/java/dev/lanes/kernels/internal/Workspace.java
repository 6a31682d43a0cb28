package dev.lanes.kernels.internal;

import dev.lanes.kernels.parallel.WorkerPool;

/**
 * Scratch memory and worker threads behind a {@code KernelContext}. Arrays grow on first need and are
 * reused afterwards, so steady-state calls allocate nothing. Per-worker arrays are touched only by their
 * worker; shared arrays only outside parallel phases or at disjoint indexes.
 */
public final class Workspace implements AutoCloseable {
  private final WorkerPool pool;
  private final double[][] doubles = new double[8][];
  private final float[][] workerFloats;
  private final double[][] workerDoubles;

  public Workspace(int parallelism) {
    this.pool = new WorkerPool(parallelism);
    this.workerFloats = new float[parallelism][];
    this.workerDoubles = new double[parallelism][];
  }

  public WorkerPool pool() {
    return pool;
  }

  /** Shared double scratch number {@code slot} (0-7) of at least {@code size} elements. */
  public double[] doubles(int slot, int size) {
    double[] a = doubles[slot];
    if (a == null || a.length < size) {
      a = new double[size];
      doubles[slot] = a;
    }
    return a;
  }

  /** Float scratch of one worker, at least {@code size} elements. */
  public float[] workerFloats(int worker, int size) {
    float[] a = workerFloats[worker];
    if (a == null || a.length < size) {
      a = new float[size];
      workerFloats[worker] = a;
    }
    return a;
  }

  /** Double scratch of one worker, at least {@code size} elements. */
  public double[] workerDoubles(int worker, int size) {
    double[] a = workerDoubles[worker];
    if (a == null || a.length < size) {
      a = new double[size];
      workerDoubles[worker] = a;
    }
    return a;
  }

  @Override
  public void close() {
    pool.close();
  }
}
