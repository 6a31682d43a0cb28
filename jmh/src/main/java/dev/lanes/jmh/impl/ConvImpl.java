package dev.lanes.jmh.impl;

/**
 * One implementation of the benchmarked convolution passes, bound to one {@link ConvProblem} when it is
 * made and owning its output and scratch buffers, so a call allocates nothing. Each pass returns its main
 * output for JMH to consume; the accessors read the last results (widened to double) for the benchmark's
 * check.
 */
public interface ConvImpl extends AutoCloseable {

  /** y = conv(x, w) + bias. */
  Object forward();

  /** dx from dy and w. */
  Object backwardData();

  /** dw and dbias from x and dy. */
  Object backwardWeights();

  /** Element i of y from the last forward pass. */
  double y(int i);

  /** Element i of dx from the last backward-data pass. */
  double dx(int i);

  /** Weight gradient i (same order as the weights) from the last backward-weights pass. */
  double dw(int i);

  /** dbias of output channel o from the last backward-weights pass. */
  double dbias(int o);

  /** Releases threads or other resources; the default has none. */
  @Override
  default void close() {}
}
