package dev.lanes.jmh.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task over the index range [0, n) split into one contiguous part per thread: part 0 on the
 * calling thread, the others on a fixed pool created once. Every call joins all parts and returns their
 * results summed in part order. With one thread there is no pool and no hand-off at all.
 */
public final class RangeSplitter implements AutoCloseable {

  /** Work on the half-open range [from, to); returns a partial result (0 when there is none). */
  @FunctionalInterface
  public interface RangeTask {
    double run(int from, int to);
  }

  /** Part boundaries are multiples of this many elements (4 KiB of floats): no shared cache lines. */
  private static final int ALIGN = 1024;

  private final int threads;
  private final ExecutorService pool;
  private final List<Future<Double>> pending = new ArrayList<>();

  public RangeSplitter(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: expected >= 1, actual " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "probe-worker");
      t.setDaemon(true);
      return t;
    });
  }

  public int threads() {
    return threads;
  }

  /** Start of part k of [0, n): a multiple of ALIGN, except the end of the last part. */
  static int boundary(int n, int k, int parts) {
    return k == parts ? n : (int) ((long) n * k / parts) / ALIGN * ALIGN;
  }

  /** Runs task over [0, n) on all threads and returns the sum of the parts' results. */
  public double run(int n, RangeTask task) {
    if (pool == null) {
      return task.run(0, n);
    }
    pending.clear();
    for (int k = 1; k < threads; k++) {
      int from = boundary(n, k, threads);
      int to = boundary(n, k + 1, threads);
      pending.add(pool.submit(() -> task.run(from, to)));
    }
    double sum = task.run(0, boundary(n, 1, threads));
    try {
      for (Future<Double> part : pending) {
        sum += part.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while joining probe workers", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a probe worker failed", e.getCause());
    }
    return sum;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
