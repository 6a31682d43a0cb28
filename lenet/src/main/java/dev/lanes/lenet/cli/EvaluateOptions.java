package dev.lanes.lenet.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code lenet evaluate}: loss, accuracy, confusion matrix and images/s of a checkpoint on the MNIST
 * test set.
 *
 * @param model checkpoint to read ({@code --model})
 * @param data MNIST directory; empty for the loader's default ({@code --data})
 * @param batchSize images per forward pass, >= 1 ({@code --batch-size})
 * @param threads kernel threads, >= 1 ({@code --threads})
 */
public record EvaluateOptions(Path model, Optional<Path> data, int batchSize, int threads) {

  public EvaluateOptions {
    OptionChecks.present("--model", model);
    OptionChecks.present("--data", data);
    OptionChecks.atLeast("--batch-size", batchSize, 1);
    OptionChecks.atLeast("--threads", threads, 1);
  }
}
