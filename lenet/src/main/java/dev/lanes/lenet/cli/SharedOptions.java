package dev.lanes.lenet.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options that several commands take. */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code --threads N}, by default one per available processor. */
  static final class Threads {
    @Option(names = "--threads", paramLabel = "N",
        description = "kernel threads (default: available processors)")
    Integer threads;

    int value() {
      return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
  }

  /** {@code --data DIR}: a directory holding MNIST, read only; without it, the fetched cache. */
  static final class Data {
    @Option(names = "--data", paramLabel = "DIR",
        description = "directory with the MNIST IDX files (raw or .gz), only read"
            + " (default: the cache, fetched on first use)")
    Path data;

    Optional<Path> value() {
      if (data != null) {
        OptionChecks.existingDirectory("--data", data);
      }
      return Optional.ofNullable(data);
    }
  }
}
