package dev.lanes.lenet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "fold", sortOptions = false,
    description = "Fold every batch norm into the layer before it, for faster inference.")
final class FoldCommand implements Callable<Integer> {
  @ParentCommand LenetCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "IN", description = "checkpoint to fold")
  Path model;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "folded checkpoint to write")
  Path out;

  @Override
  public Integer call() throws Exception {
    FoldOptions options = LenetCommand.checked(spec, () -> {
      OptionChecks.existingFile("--model", model);
      OptionChecks.writableFile("--out", out);
      return new FoldOptions(model, out);
    });
    return root.actions().fold(options);
  }
}
