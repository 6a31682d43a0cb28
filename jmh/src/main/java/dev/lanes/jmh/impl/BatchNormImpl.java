package dev.lanes.jmh.impl;

/**
 * One implementation of the benchmarked batch-norm passes, bound to one {@link BatchNormProblem} when it
 * is made and owning its output and scratch buffers, so a call allocates nothing. Each pass returns its
 * main output for JMH to consume; the accessors read the last results (widened to double) for the
 * benchmark's check.
 */
public interface BatchNormImpl extends AutoCloseable {

  /** Forward training with gamma and beta: writes y, the running statistics and the saved statistics. */
  Object forwardTraining();

  /** Inference with the problem's running statistics, gamma and beta: writes y. */
  Object inference();

  /** Backward of forward training with gamma and beta: writes dx, dgamma and dbeta. */
  Object backward();

  /** Element i of y from the last forward pass (training or inference). */
  double y(int i);

  /** Element i of dx from the last backward pass. */
  double dx(int i);

  /** dgamma of channel c from the last backward pass. */
  double dgamma(int c);

  /** dbeta of channel c from the last backward pass. */
  double dbeta(int c);

  /** Releases threads or other resources; the default has none. */
  @Override
  default void close() {}
}
