package dev.lanes.lenet.cli;

import java.nio.file.Path;

/**
 * {@code lenet predict}: the digit a checkpoint sees in one image, and its 10 probabilities.
 *
 * @param model checkpoint to read ({@code --model})
 * @param input the image
 * @param threads kernel threads, >= 1 ({@code --threads})
 */
public record PredictOptions(Path model, Input input, int threads) {

  public PredictOptions {
    OptionChecks.present("--model", model);
    OptionChecks.present("--idx or --png", input);
    OptionChecks.atLeast("--threads", threads, 1);
  }

  /** Where the image comes from. */
  public sealed interface Input permits IdxImage, PngImage {}

  /**
   * Image {@code index} (0-based) of an IDX image file such as {@code t10k-images-idx3-ubyte}
   * ({@code --idx FILE --index I}); the action checks the index against the file's image count.
   */
  public record IdxImage(Path file, int index) implements Input {
    public IdxImage {
      OptionChecks.present("--idx", file);
      OptionChecks.atLeast("--index", index, 0);
    }
  }

  /**
   * A 28x28 PNG ({@code --png FILE}), read by {@link dev.lanes.lenet.io.DigitImage}; {@code invert}
   * for dark ink on a light background ({@code --invert}).
   */
  public record PngImage(Path file, boolean invert) implements Input {
    public PngImage {
      OptionChecks.present("--png", file);
    }
  }
}
