package dev.lanes.lenet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", sortOptions = false,
    description = "Loss, accuracy, confusion matrix and images/s of a checkpoint on the MNIST test set.")
final class EvaluateCommand implements Callable<Integer> {
  @ParentCommand LenetCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "checkpoint to evaluate")
  Path model;

  @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
      description = "images per forward pass (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Mixin SharedOptions.Data data;
  @Mixin SharedOptions.Threads threads;

  @Override
  public Integer call() throws Exception {
    EvaluateOptions options = LenetCommand.checked(spec, () -> {
      OptionChecks.existingFile("--model", model);
      return new EvaluateOptions(model, data.value(), batchSize, threads.value());
    });
    return root.actions().evaluate(options);
  }
}
