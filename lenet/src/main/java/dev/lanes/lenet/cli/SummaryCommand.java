package dev.lanes.lenet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "summary", sortOptions = false,
    description = "Layers, output shapes and parameter counts of the model the options describe.")
final class SummaryCommand implements Callable<Integer> {
  @ParentCommand LenetCommand root;
  @Spec CommandSpec spec;
  @Mixin ModelOptionsMixin model;

  @Override
  public Integer call() throws Exception {
    ModelOptions options = LenetCommand.checked(spec, model::toOptions);
    return root.actions().summary(options);
  }
}
