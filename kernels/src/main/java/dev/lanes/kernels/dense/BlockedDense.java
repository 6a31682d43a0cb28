package dev.lanes.kernels.dense;

import dev.lanes.kernels.Dense;
import dev.lanes.kernels.internal.Workspace;
import dev.lanes.kernels.parallel.WorkerPool;

/**
 * The dense layer as three matrix products over {@link GemmLoops}, blocked for cache and split over the
 * context's workers:
 * <pre>
 *   forward         y  = x . W + b      A = x (n, in),    B = W (in, out),    reduction over in
 *   backwardData    dx = dy . W^T       A = dy (n, out),  B = W^T (out, in),  reduction over out
 *   backwardWeights dw = x^T . dy       A = x read transposed (in, n), B = dy (n, out), reduction over n
 * </pre>
 * W is used as it is: its rows are already contiguous along out, the direction the micro-kernel loads.
 * backwardData needs rows of W^T, so W is first transposed into scratch owned by this instance (grown on
 * first use, then reused), which costs in * out copies against the product's n * in * out
 * multiply-adds. x^T needs no copy: the micro-kernel reads A through strides.
 *
 * <p>Blocking: C is cut into fixed blocks of {@link #ROW_BLOCK} rows by {@link #COL_BLOCK} columns, the
 * tasks; each task runs its whole reduction in k-blocks of {@link #K_BLOCK}, so a block of B
 * (512 x 256 floats) and of A (64 x 512) stay in L2 while the tiles sweep them. A task owns its block of
 * C, no reduction is split between tasks, and the blocks do not depend on the thread count: the results
 * are bitwise identical for any parallelism (and for any blocking, see {@link GemmLoops#multiply}).
 * Products below {@link #PARALLEL_MIN} multiply-adds stay on the calling thread.
 */
final class BlockedDense implements Dense {
  /** Rows of C per task: a multiple of the micro-kernel's 4. */
  static final int ROW_BLOCK = 64;
  /** Columns of C per task: a multiple of 4 vectors of every width (4 x 16 lanes). */
  static final int COL_BLOCK = 256;
  /**
   * Reduction steps per pass over a block of C: a panel of B (512 x 4 vectors of 16 lanes, 128 KiB)
   * stays in L2, and LeNet's reductions (at most 400) take one pass.
   */
  static final int K_BLOCK = 512;
  /**
   * Multiply-adds from which a product is split over the workers: 2^22, about 0.1 ms of one core's
   * work. Waking parked workers costs tens of microseconds (as measured for batch norm), so LeNet's
   * layers (at most 64 x 400 x 120 = 3.1M at batch 64) stay on one thread. An estimate, not measured
   * for this kernel.
   */
  static final long PARALLEL_MIN = 1L << 22;

  private final GemmLoops loops;
  private final Workspace ws;
  private final Operands operands = new Operands();
  private final WorkerPool.Task blockTask = this::block;
  private final WorkerPool.Task transposeTask = this::transposeRows;
  private float[] transposed = new float[0];
  private int rows;
  private int cols;
  private int depth;
  private int colBlocks;
  /** W of the running transposition, its offset and extents (in, out). */
  private float[] source;
  private int sourceOff;
  private int sourceIn;
  private int sourceOut;

  BlockedDense(GemmLoops loops, Workspace ws) {
    this.loops = loops;
    this.ws = ws;
  }

  @Override
  public String toString() {
    return "Dense[" + loops.describe() + ", " + ws.pool().parallelism() + " threads]";
  }

  @Override
  public void forward(int n, int in, int out, float[] x, int xOff, float[] w, int wOff, float[] b,
      int bOff, float[] y, int yOff) {
    DenseChecks.forward(n, in, out, x, xOff, w, wOff, b, bOff, y, yOff);
    operands.set(x, xOff, in, 1, w, wOff, out, y, yOff, out, b, bOff);
    product(n, out, in);
  }

  @Override
  public void backwardData(int n, int in, int out, float[] dy, int dyOff, float[] w, int wOff,
      float[] dx, int dxOff) {
    DenseChecks.backwardData(n, in, out, dy, dyOff, w, wOff, dx, dxOff);
    float[] wt = transpose(w, wOff, in, out, parallel(n, in, out));
    operands.set(dy, dyOff, out, 1, wt, 0, in, dx, dxOff, in, null, 0);
    product(n, in, out);
  }

  @Override
  public void backwardWeights(int n, int in, int out, float[] x, int xOff, float[] dy, int dyOff,
      float[] dw, int dwOff, float[] db, int dbOff) {
    DenseChecks.backwardWeights(n, in, out, x, xOff, dy, dyOff, dw, dwOff, db, dbOff);
    operands.set(x, xOff, 1, in, dy, dyOff, out, dw, dwOff, out, null, 0);
    product(in, out, n);
    if (db != null) {
      loops.columnSums(dy, dyOff, n, out, db, dbOff);
    }
  }

  /** C (m x cols) from the operands set, over a reduction of {@code depth}. */
  private void product(int m, int cols, int depth) {
    this.rows = m;
    this.cols = cols;
    this.depth = depth;
    this.colBlocks = (cols + COL_BLOCK - 1) / COL_BLOCK;
    int tasks = (m + ROW_BLOCK - 1) / ROW_BLOCK * colBlocks;
    try {
      ws.pool().run(tasks, parallel(m, cols, depth), blockTask);
    } finally {
      operands.clear();
    }
  }

  /** Task t: block (t / colBlocks, t % colBlocks) of C, its whole reduction. */
  private void block(int t, int worker) {
    int i0 = t / colBlocks * ROW_BLOCK;
    int j0 = t % colBlocks * COL_BLOCK;
    int i1 = Math.min(rows, i0 + ROW_BLOCK);
    int j1 = Math.min(cols, j0 + COL_BLOCK);
    boolean withBias = operands.bias != null;
    for (int k0 = 0; k0 < depth; k0 += K_BLOCK) {
      int k1 = Math.min(depth, k0 + K_BLOCK);
      loops.multiply(operands, i0, i1, j0, j1, k0, k1, k0 > 0, withBias && k1 == depth);
    }
  }

  private static boolean parallel(int m, int cols, int depth) {
    return (long) m * cols * depth >= PARALLEL_MIN;
  }

  /**
   * W (in, out) from wOff into this instance's scratch as W^T (out, in); split over the workers, in
   * fixed blocks of {@link #ROW_BLOCK} rows of W^T, when the product that follows is.
   */
  private float[] transpose(float[] w, int wOff, int in, int out, boolean parallel) {
    int size = in * out;
    if (transposed.length < size) {
      transposed = new float[size];
    }
    loops.prepareTranspose(out);
    source = w;
    sourceOff = wOff;
    sourceIn = in;
    sourceOut = out;
    try {
      ws.pool().run((out + ROW_BLOCK - 1) / ROW_BLOCK, parallel, transposeTask);
    } finally {
      source = null;
    }
    return transposed;
  }

  private void transposeRows(int t, int worker) {
    int o0 = t * ROW_BLOCK;
    loops.transpose(source, sourceOff, sourceIn, sourceOut, transposed, o0,
        Math.min(sourceOut, o0 + ROW_BLOCK));
  }
}
