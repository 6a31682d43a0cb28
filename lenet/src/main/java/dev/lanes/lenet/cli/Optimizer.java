package dev.lanes.lenet.cli;

/** The optimizer of {@code train --optimizer}. */
public enum Optimizer {
  /** RMSprop with Keras' defaults (lr 0.001, rho 0.9, eps 1e-7): the chapter's choice. */
  RMSPROP,
  /** Plain stochastic gradient descent: {@code w -= lr * grad}. */
  SGD
}
