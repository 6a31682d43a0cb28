package dev.lanes.kernels;

import dev.lanes.kernels.internal.Workspace;

/**
 * What kernels need besides their arguments: a parallelism (worker threads, started on first use) and
 * reusable scratch memory, so that calls after the first of a shape allocate nothing.
 * Results do not depend on the parallelism.
 * A context serves one call at a time; give each application thread its own. Close it to stop its
 * threads (they are daemons, so an unclosed context does not keep the JVM alive); a call that would
 * use them after that throws {@link IllegalStateException}.
 */
public final class KernelContext implements AutoCloseable {
  private final Workspace workspace;

  /** A context using every available processor. */
  public KernelContext() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /** A context with the given parallelism (>= 1). */
  public KernelContext(int parallelism) {
    if (parallelism <= 0) {
      throw new IllegalArgumentException("parallelism: expected >= 1, actual " + parallelism);
    }
    this.workspace = new Workspace(parallelism);
  }

  public int parallelism() {
    return workspace.pool().parallelism();
  }

  Workspace workspace() {
    return workspace;
  }

  @Override
  public void close() {
    workspace.close();
  }
}
