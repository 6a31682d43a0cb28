package dev.lanes.lenet.cli;

import dev.lanes.lenet.report.ProgressMode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "train", sortOptions = false,
    description = "Train LeNet with batch norm on MNIST (the chapter's protocol by default).")
final class TrainCommand implements Callable<Integer> {
  @ParentCommand LenetCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--epochs", defaultValue = "5", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
      description = "default: ${DEFAULT-VALUE}")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.001", paramLabel = "LR",
      description = "learning rate (default: ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--optimizer", defaultValue = "rmsprop", paramLabel = "rmsprop|sgd",
      description = "default: ${DEFAULT-VALUE}")
  Optimizer optimizer;

  @Option(names = "--rho", defaultValue = "0.9", paramLabel = "RHO",
      description = "RMSprop decay (default: ${DEFAULT-VALUE})")
  double rho;

  @Option(names = "--eps", defaultValue = "1e-7", paramLabel = "EPS",
      description = "RMSprop epsilon (default: ${DEFAULT-VALUE})")
  double eps;

  @Option(names = "--use-global-stats",
      description = "normalize with the running statistics while training too")
  boolean useGlobalStats;

  @Option(names = "--validation-split", defaultValue = "0.2", paramLabel = "F",
      description = "last fraction of the training images held out (default: ${DEFAULT-VALUE})")
  double validationSplit;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
      description = "initial weights and shuffling (default: ${DEFAULT-VALUE})")
  long seed;

  @Mixin ModelOptionsMixin model;
  @Mixin SharedOptions.Threads threads;
  @Mixin SharedOptions.Data data;

  @Option(names = "--report", paramLabel = "FILE.json", description = "write the training history as JSON")
  Path report;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "draw the loss and accuracy curves")
  Path plot;

  @Option(names = "--save", paramLabel = "FILE", description = "write the trained model as a checkpoint")
  Path save;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|log|off",
      description = "epoch progress: in place on a terminal, a line per tenth in logs"
          + " (default: ${DEFAULT-VALUE})")
  ProgressMode progress;

  @Override
  public Integer call() throws Exception {
    TrainOptions options = LenetCommand.checked(spec, () -> {
      output("--report", report);
      output("--plot", plot);
      if (plot != null) {
        OptionChecks.extension("--plot", plot, ".png");
      }
      output("--save", save);
      return new TrainOptions(model.toOptions(), epochs, batchSize, lr, optimizer, rho, eps, useGlobalStats,
          validationSplit, threads.value(), seed, data.value(), Optional.ofNullable(report),
          Optional.ofNullable(plot), Optional.ofNullable(save), progress);
    });
    return root.actions().train(options);
  }

  private static void output(String option, Path file) {
    if (file != null) {
      OptionChecks.writableFile(option, file);
    }
  }
}
