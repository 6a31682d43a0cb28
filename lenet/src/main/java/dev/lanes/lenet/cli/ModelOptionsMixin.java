package dev.lanes.lenet.cli;

import dev.lanes.kernels.Convention;
import dev.lanes.kernels.Layout;
import picocli.CommandLine.Option;

/** The architecture options that {@code train} and {@code summary} share; see {@link ModelOptions}. */
final class ModelOptionsMixin {
  @Option(names = "--layout", defaultValue = "nchw", paramLabel = "nchw|nhwc",
      description = "activation layout (default: ${DEFAULT-VALUE})")
  Layout layout;

  @Option(names = "--no-bn", description = "no batch norm at all")
  boolean noBatchNorm;

  @Option(names = "--no-bias-before-bn", description = "drop the bias of layers followed by batch norm")
  boolean noBiasBeforeBn;

  @Option(names = "--bn-placement", defaultValue = "before", paramLabel = "before|after",
      description = "batch norm before or after the activation (default: ${DEFAULT-VALUE})")
  BnPlacement bnPlacement;

  @Option(names = "--freeze-gamma-beta", description = "keep gamma = 1 and beta = 0, untrained")
  boolean freezeGammaBeta;

  @Option(names = "--head", defaultValue = "softmax", paramLabel = "softmax|sigmoid",
      description = "output layer and loss (default: ${DEFAULT-VALUE})")
  Head head;

  @Option(names = "--bn-convention", defaultValue = "keras", paramLabel = "keras|pytorch",
      description = "running statistics update (default: ${DEFAULT-VALUE})")
  Convention convention;

  @Option(names = "--momentum", paramLabel = "M",
      description = "batch norm momentum (default: 0.99 keras, 0.1 pytorch)")
  Double momentum;

  @Option(names = "--bn-eps", paramLabel = "EPS",
      description = "batch norm epsilon (default: 1e-3 keras, 1e-5 pytorch)")
  Double bnEps;

  ModelOptions toOptions() {
    return new ModelOptions(layout, !noBatchNorm, !noBiasBeforeBn, bnPlacement, freezeGammaBeta, head,
        convention, momentum != null ? momentum : ModelOptions.defaultMomentum(convention),
        bnEps != null ? bnEps : ModelOptions.defaultBnEps(convention));
  }
}
