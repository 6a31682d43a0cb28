package dev.lanes.reference.batchnorm;

import dev.lanes.reference.Args;

/**
 * Hyper-parameters of a batch-norm layer.
 *
 * @param eps added to the variance before the square root; finite and > 0
 * @param momentum weight of the running statistics' update, in [0, 1], read as {@code convention} says
 * @param convention how running statistics are updated (and which variance they keep)
 * @param activation applied after {@code gamma * xhat + beta}
 */
public record BatchNormConfig(
    double eps, double momentum, Convention convention, Activation activation) {

  public BatchNormConfig {
    Args.positive("eps", eps);
    Args.inRange("momentum", momentum, 0, 1);
    if (convention == null) {
      throw new IllegalArgumentException("convention: expected KERAS or PYTORCH, actual null");
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation: expected NONE, RELU or SIGMOID, actual null");
    }
  }

  /** Keras layer defaults: eps 1e-3, momentum 0.99, no activation. */
  public static BatchNormConfig keras() {
    return new BatchNormConfig(1e-3, 0.99, Convention.KERAS, Activation.NONE);
  }

  /** PyTorch defaults: eps 1e-5, momentum 0.1, no activation. */
  public static BatchNormConfig pytorch() {
    return new BatchNormConfig(1e-5, 0.1, Convention.PYTORCH, Activation.NONE);
  }

  public BatchNormConfig withActivation(Activation other) {
    return new BatchNormConfig(eps, momentum, convention, other);
  }

  public BatchNormConfig withEps(double other) {
    return new BatchNormConfig(other, momentum, convention, activation);
  }

  public BatchNormConfig withMomentum(double other) {
    return new BatchNormConfig(eps, other, convention, activation);
  }
}
