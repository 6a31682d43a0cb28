package dev.lanes.kernels.pool;

import dev.lanes.kernels.MaxPool;
import dev.lanes.kernels.PoolShape;
import dev.lanes.kernels.internal.Checks;
import dev.lanes.kernels.internal.Elementwise;
import dev.lanes.kernels.internal.Workspace;
import dev.lanes.kernels.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Max pooling over {@link MaxPoolLoops}: validates, then runs fixed groups of whole images (about
 * {@link Elementwise#BLOCK} inputs each), on the context's workers from
 * {@link Elementwise#PARALLEL_MIN} inputs. An image's outputs read and its gradients write only that
 * image, so the groups are independent and the results do not depend on the thread count.
 *
 * <p>The backward pass is the same plain-Java scatter in both implementations: it zeroes the group's dx
 * ({@link Arrays#fill}, an intrinsic) and adds each dy to its argmax in output order, so overlapping
 * windows accumulate in the oracle's order; a vector scatter would have to resolve the collisions of
 * overlapping windows and has no loads to save.
 */
final class BlockedMaxPool implements MaxPool {
  private final MaxPoolLoops loops;
  private final Workspace ws;
  private final WorkerPool.Task forwardTask = this::forwardGroup;
  private final WorkerPool.Task backwardTask = this::backwardGroup;
  /** The shape of the last call and its geometry, reused while the shape stays the same. */
  private PoolShape shape;
  private PoolGeometry g;
  private int imagesPerTask;
  private float[] in;
  private int inOff;
  private float[] out;
  private int outOff;
  private int[] argmax;
  private int argOff;

  BlockedMaxPool(MaxPoolLoops loops, Workspace ws) {
    this.loops = loops;
    this.ws = ws;
  }

  @Override
  public String toString() {
    return "MaxPool[" + loops.describe() + ", " + ws.pool().parallelism() + " threads]";
  }

  @Override
  public void forward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax,
      int argOff) {
    PoolGeometry geometry = geometry(s);
    int inSize = geometry.images * geometry.imageIn;
    int outSize = geometry.images * geometry.imageOut;
    Checks.span("x", x, xOff, inSize);
    Checks.span("y", y, yOff, outSize);
    if (argmax != null) {
      Checks.span("argmax", argmax, argOff, outSize);
    }
    Checks.disjoint("y", y, yOff, outSize, "x", x, xOff, inSize);
    loops.prepare(geometry);
    run(geometry, x, xOff, y, yOff, argmax, argOff, forwardTask);
  }

  @Override
  public void backward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx,
      int dxOff) {
    PoolGeometry geometry = geometry(s);
    int inSize = geometry.images * geometry.imageIn;
    int outSize = geometry.images * geometry.imageOut;
    Checks.span("dy", dy, dyOff, outSize);
    Checks.span("argmax", argmax, argOff, outSize);
    Checks.span("dx", dx, dxOff, inSize);
    Checks.disjoint("dx", dx, dxOff, inSize, "dy", dy, dyOff, outSize);
    checkArgmax(geometry, argmax, argOff);
    run(geometry, dy, dyOff, dx, dxOff, argmax, argOff, backwardTask);
  }

  /** The geometry of s; the last one again while s equals the last shape (no allocation). */
  private PoolGeometry geometry(PoolShape s) {
    Checks.notNull("s", s, "a PoolShape");
    if (!s.equals(shape)) {
      g = new PoolGeometry(s);
      shape = s;
    }
    return g;
  }

  private void run(PoolGeometry geometry, float[] in, int inOff, float[] out, int outOff,
      int[] argmax, int argOff, WorkerPool.Task task) {
    this.imagesPerTask = Math.max(1, Elementwise.BLOCK / geometry.imageIn);
    this.in = in;
    this.inOff = inOff;
    this.out = out;
    this.outOff = outOff;
    this.argmax = argmax;
    this.argOff = argOff;
    int tasks = (geometry.images + imagesPerTask - 1) / imagesPerTask;
    try {
      ws.pool().run(tasks, Elementwise.parallel(geometry.images * geometry.imageIn), task);
    } finally {
      this.in = null;
      this.out = null;
      this.argmax = null;
    }
  }

  private void forwardGroup(int t, int worker) {
    int n0 = t * imagesPerTask;
    int n1 = Math.min(g.images, n0 + imagesPerTask);
    loops.forward(g, in, inOff, out, outOff, argmax, argOff, n0 * g.planesPerImage,
        n1 * g.planesPerImage);
  }

  /** dx of images [n0, n1): in = dy, out = dx. */
  private void backwardGroup(int t, int worker) {
    int n0 = t * imagesPerTask;
    int n1 = Math.min(g.images, n0 + imagesPerTask);
    float[] dy = in;
    float[] dx = out;
    int[] arg = argmax;
    Arrays.fill(dx, outOff + n0 * g.imageIn, outOff + n1 * g.imageIn, 0f);
    for (int i = n0 * g.imageOut, end = n1 * g.imageOut; i < end; i++) {
      dx[outOff + arg[argOff + i]] += dy[inOff + i];
    }
  }

  /** Every argmax must lie in its output's image: the scatter then stays in dx's span and group. */
  private static void checkArgmax(PoolGeometry g, int[] argmax, int argOff) {
    for (int n = 0, i = 0; n < g.images; n++) {
      int lo = n * g.imageIn;
      int hi = lo + g.imageIn;
      for (int end = i + g.imageOut; i < end; i++) {
        int a = argmax[argOff + i];
        if (a < lo || a >= hi) {
          throw new IllegalArgumentException("argmax[" + (argOff + i) + "]: expected in [" + lo + ", "
              + hi + ") (image " + n + " of the input), actual " + a);
        }
      }
    }
  }
}
