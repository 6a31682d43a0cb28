package dev.lanes.kernels.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the tasks 0..n-1 of one call on the caller and {@code parallelism - 1} helper threads, which
 * claim task indexes from a shared counter. Which thread runs a task never changes a result: kernels give
 * each task a fixed piece of work and combine per-task partial results in task order afterwards.
 *
 * <p>Helpers are daemon threads started on the first parallel call and parked between calls; a call
 * allocates nothing beyond what its task closure captures. One call at a time.
 */
public final class WorkerPool implements AutoCloseable {

  /** One task of a call: {@code worker} (0 = the caller) indexes per-thread scratch. */
  @FunctionalInterface
  public interface Task {
    void run(int index, int worker);
  }

  private final int parallelism;
  private final Thread[] helpers;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile int generation;
  private volatile boolean closed;
  private volatile Throwable failure;
  private Task task;
  private int taskCount;
  private Thread caller;

  public WorkerPool(int parallelism) {
    if (parallelism <= 0) {
      throw new IllegalArgumentException("parallelism: expected > 0, actual " + parallelism);
    }
    this.parallelism = parallelism;
    this.helpers = new Thread[parallelism - 1];
  }

  public int parallelism() {
    return parallelism;
  }

  /**
   * Runs {@code body} for every index in [0, tasks). With {@code parallel} false, or one worker, or one
   * task, the caller runs them in order; otherwise all workers share them.
   */
  public void run(int tasks, boolean parallel, Task body) {
    if (!parallel || parallelism == 1 || tasks <= 1) {
      for (int i = 0; i < tasks; i++) {
        body.run(i, 0);
      }
      return;
    }
    runParallel(tasks, body);
  }

  /** Synchronized with {@link #close}, so that closing never strands a call halfway. */
  private synchronized void runParallel(int tasks, Task body) {
    if (closed) {
      throw new IllegalStateException("the kernel context is closed");
    }
    startHelpers();
    caller = Thread.currentThread();
    task = body;
    taskCount = tasks;
    failure = null;
    next.set(0);
    pending.set(helpers.length);
    generation++;
    for (Thread helper : helpers) {
      LockSupport.unpark(helper);
    }
    work(0);
    while (pending.get() != 0) {
      LockSupport.park(this);
    }
    task = null;
    Throwable t = failure;
    if (t != null) {
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(t);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Thread helper : helpers) {
      if (helper != null) {
        LockSupport.unpark(helper);
      }
    }
  }

  private void work(int worker) {
    Task body = task;
    int count = taskCount;
    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
      try {
        body.run(i, worker);
      } catch (Throwable t) {
        failure = t;
        next.set(count);
      }
    }
  }

  private void startHelpers() {
    if (helpers.length == 0 || helpers[0] != null) {
      return;
    }
    for (int k = 0; k < helpers.length; k++) {
      int worker = k + 1;
      Thread t = new Thread(() -> helperLoop(worker), "lanes-worker-" + worker);
      t.setDaemon(true);
      helpers[k] = t;
      t.start();
    }
  }

  private void helperLoop(int worker) {
    int seen = 0;
    while (true) {
      // A call already started is finished even if close() comes meanwhile, so its caller returns.
      while (generation == seen) {
        if (closed) {
          return;
        }
        LockSupport.park(this);
      }
      seen = generation;
      work(worker);
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }
}
