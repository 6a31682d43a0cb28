package dev.lanes.lenet.train;

import dev.lanes.kernels.Optimizers;
import dev.lanes.lenet.model.Param;
import java.util.ArrayList;
import java.util.List;

/** RMSprop or SGD over a model's trainable parameters, on the Lanes optimizer kernels. */
public final class OptimizerStep {
  /** Update rule. */
  public enum Rule { RMSPROP, SGD }

  private final Rule rule;
  private final float lr;
  private final float rho;
  private final float eps;
  private final Optimizers kernels;
  private final List<Param> params = new ArrayList<>();
  private final List<float[]> meanSquares = new ArrayList<>();

  /** rho and eps are used by RMSprop only. */
  public OptimizerStep(Rule rule, double lr, double rho, double eps, List<Param> all, Optimizers kernels) {
    this.rule = rule;
    this.lr = (float) lr;
    this.rho = (float) rho;
    this.eps = (float) eps;
    this.kernels = kernels;
    for (Param p : all) {
      if (p.trainable()) {
        params.add(p);
        meanSquares.add(rule == Rule.RMSPROP ? new float[p.size()] : null);
      }
    }
  }

  /** One update of every trainable parameter from its gradient. */
  public void step() {
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (rule == Rule.RMSPROP) {
        kernels.rmsProp(p.value(), 0, p.grad(), 0, meanSquares.get(i), 0, p.size(), lr, rho, eps);
      } else {
        kernels.sgd(p.value(), 0, p.grad(), 0, p.size(), lr);
      }
    }
  }
}
