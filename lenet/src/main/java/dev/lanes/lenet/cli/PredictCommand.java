package dev.lanes.lenet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "predict", sortOptions = false,
    description = "The digit a checkpoint sees in one image, with the 10 probabilities.")
final class PredictCommand implements Callable<Integer> {
  @ParentCommand LenetCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "checkpoint to run")
  Path model;

  @Option(names = "--idx", paramLabel = "FILE", description = "an MNIST IDX image file (with --index)")
  Path idx;

  @Option(names = "--index", paramLabel = "I", description = "0-based image of the IDX file (default: 0)")
  Integer index;

  @Option(names = "--png", paramLabel = "FILE", description = "a 28x28 grayscale PNG, light ink on dark")
  Path png;

  @Option(names = "--invert", description = "the PNG has dark ink on a light background")
  boolean invert;

  @Mixin SharedOptions.Threads threads;

  @Override
  public Integer call() throws Exception {
    PredictOptions options = LenetCommand.checked(spec, () -> {
      OptionChecks.existingFile("--model", model);
      return new PredictOptions(model, input(), threads.value());
    });
    return root.actions().predict(options);
  }

  private PredictOptions.Input input() {
    if ((idx == null) == (png == null)) {
      throw new IllegalArgumentException("--idx or --png: expected one, actual "
          + (idx == null ? "neither" : "both"));
    }
    if (idx != null) {
      if (invert) {
        throw new IllegalArgumentException("--invert: expected with --png, actual with --idx");
      }
      OptionChecks.existingFile("--idx", idx);
      return new PredictOptions.IdxImage(idx, index == null ? 0 : index);
    }
    if (index != null) {
      throw new IllegalArgumentException("--index: expected with --idx, actual with --png");
    }
    OptionChecks.existingFile("--png", png);
    return new PredictOptions.PngImage(png, invert);
  }
}
