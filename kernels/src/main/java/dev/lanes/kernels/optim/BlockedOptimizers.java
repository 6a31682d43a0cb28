package dev.lanes.kernels.optim;

import dev.lanes.kernels.Optimizers;
import dev.lanes.kernels.internal.Checks;
import dev.lanes.kernels.internal.Elementwise;
import dev.lanes.kernels.internal.Workspace;
import dev.lanes.kernels.parallel.WorkerPool;

/**
 * RMSprop and SGD over {@link OptimizerLoops}: validates, then runs the span in the fixed blocks of
 * {@link Elementwise}, on the context's workers from {@link Elementwise#PARALLEL_MIN} elements. One
 * task object serves every call, so a call allocates nothing.
 */
final class BlockedOptimizers implements Optimizers {
  private final OptimizerLoops loops;
  private final Workspace ws;
  private final WorkerPool.Task blockTask = this::block;
  private boolean rms;
  private float[] w;
  private int wOff;
  private float[] g;
  private int gOff;
  private float[] v;
  private int vOff;
  private int count;
  private float lr;
  private float rho;
  private float eps;

  BlockedOptimizers(OptimizerLoops loops, Workspace ws) {
    this.loops = loops;
    this.ws = ws;
  }

  @Override
  public String toString() {
    return "Optimizers[" + loops.describe() + ", " + ws.pool().parallelism() + " threads]";
  }

  @Override
  public void rmsProp(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int count,
      float lr, float rho, float eps) {
    Checks.positive("count", count);
    Checks.span("w", w, wOff, count);
    Checks.span("g", g, gOff, count);
    Checks.span("v", v, vOff, count);
    Checks.disjoint("w", w, wOff, count, "g", g, gOff, count);
    Checks.disjoint("w", w, wOff, count, "v", v, vOff, count);
    Checks.disjoint("v", v, vOff, count, "g", g, gOff, count);
    Checks.positive("lr", lr);
    if (!(rho >= 0 && rho < 1)) {
      throw new IllegalArgumentException("rho: expected in [0, 1), actual " + rho);
    }
    Checks.positive("eps", eps);
    this.v = v;
    this.vOff = vOff;
    this.rho = rho;
    this.eps = eps;
    run(true, w, wOff, g, gOff, count, lr);
  }

  @Override
  public void sgd(float[] w, int wOff, float[] g, int gOff, int count, float lr) {
    Checks.positive("count", count);
    Checks.span("w", w, wOff, count);
    Checks.span("g", g, gOff, count);
    Checks.disjoint("w", w, wOff, count, "g", g, gOff, count);
    Checks.positive("lr", lr);
    run(false, w, wOff, g, gOff, count, lr);
  }

  private void run(boolean rms, float[] w, int wOff, float[] g, int gOff, int count, float lr) {
    this.rms = rms;
    this.w = w;
    this.wOff = wOff;
    this.g = g;
    this.gOff = gOff;
    this.count = count;
    this.lr = lr;
    try {
      ws.pool().run(Elementwise.blocks(count), Elementwise.parallel(count), blockTask);
    } finally {
      this.w = null;
      this.g = null;
      this.v = null;
    }
  }

  private void block(int b, int worker) {
    int at = b * Elementwise.BLOCK;
    int len = Elementwise.length(b, count);
    if (rms) {
      loops.rmsProp(w, wOff + at, g, gOff + at, v, vOff + at, len, lr, rho, eps);
    } else {
      loops.sgd(w, wOff + at, g, gOff + at, len, lr);
    }
  }
}
