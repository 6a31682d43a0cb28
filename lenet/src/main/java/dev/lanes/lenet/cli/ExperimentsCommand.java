package dev.lanes.lenet.cli;

import dev.lanes.lenet.report.ProgressMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "experiments", sortOptions = false,
    description = "Train the chapter's exercises and write them, with curves, as a markdown report.")
final class ExperimentsCommand implements Callable<Integer> {
  @ParentCommand LenetCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--epochs", defaultValue = "5", paramLabel = "N",
      description = "per run (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--seeds", defaultValue = "42", split = ",", paramLabel = "S",
      description = "one run per seed and exercise (default: ${DEFAULT-VALUE})")
  List<Long> seeds;

  @Option(names = "--out", defaultValue = "docs/lenet.md", paramLabel = "FILE.md",
      description = "report to write; plots go next to it (default: ${DEFAULT-VALUE})")
  Path out;

  @Mixin SharedOptions.Data data;
  @Mixin SharedOptions.Threads threads;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|log|off",
      description = "epoch progress (default: ${DEFAULT-VALUE})")
  ProgressMode progress;

  @Override
  public Integer call() throws Exception {
    ExperimentOptions options = LenetCommand.checked(spec, () -> {
      OptionChecks.writableFile("--out", out);
      return new ExperimentOptions(epochs, seeds, out, data.value(), threads.value(), progress);
    });
    return root.actions().experiments(options);
  }
}
