package dev.lanes.lenet.cli;

import java.nio.file.Path;

/**
 * {@code lenet fold}: folds every batch norm into the layer before it and writes the smaller model.
 *
 * @param model checkpoint to read ({@code --model})
 * @param out checkpoint to write, may be {@code model} itself ({@code --out})
 */
public record FoldOptions(Path model, Path out) {

  public FoldOptions {
    OptionChecks.present("--model", model);
    OptionChecks.present("--out", out);
  }
}
