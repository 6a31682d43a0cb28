package dev.lanes.kernels;

import dev.lanes.kernels.internal.Checks;

/**
 * Hyper-parameters of a batch-norm layer.
 *
 * @param eps added to the variance before the square root; finite and > 0
 * @param momentum weight of the running statistics' update, in [0, 1], read as {@code convention} says
 * @param convention how running statistics are updated
 * @param activation fused after {@code gamma * xhat + beta}
 */
public record BatchNormParams(
    double eps, double momentum, Convention convention, Activation activation) {

  public BatchNormParams {
    Checks.positive("eps", eps);
    Checks.inRange("momentum", momentum, 0, 1);
    Checks.notNull("convention", convention, "KERAS or PYTORCH");
    Checks.notNull("activation", activation, "NONE, RELU or SIGMOID");
  }

  /** Keras layer defaults: eps 1e-3, momentum 0.99, no activation. */
  public static BatchNormParams keras() {
    return new BatchNormParams(1e-3, 0.99, Convention.KERAS, Activation.NONE);
  }

  /** PyTorch defaults: eps 1e-5, momentum 0.1, no activation. */
  public static BatchNormParams pytorch() {
    return new BatchNormParams(1e-5, 0.1, Convention.PYTORCH, Activation.NONE);
  }

  public BatchNormParams withActivation(Activation other) {
    return new BatchNormParams(eps, momentum, convention, other);
  }

  public BatchNormParams withEps(double other) {
    return new BatchNormParams(other, momentum, convention, activation);
  }

  public BatchNormParams withMomentum(double other) {
    return new BatchNormParams(eps, other, convention, activation);
  }
}
