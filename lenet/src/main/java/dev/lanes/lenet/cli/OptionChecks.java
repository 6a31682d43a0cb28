package dev.lanes.lenet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks of option values. Each failure is an {@link IllegalArgumentException} whose message names the
 * option, the expected and the actual value, e.g. {@code --batch-size: expected >= 1, actual 0}: the
 * command line prints it after {@code lenet: error: } and exits with status 2.
 */
final class OptionChecks {
  private OptionChecks() {}

  static void atLeast(String option, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(option + ": expected >= " + min + ", actual " + value);
    }
  }

  static void positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(option + ": expected a finite number > 0, actual " + value);
    }
  }

  /** In [lo, hi], or in [lo, hi) when {@code hiOpen}. */
  static void inRange(String option, double value, double lo, double hi, boolean hiOpen) {
    if (!(value >= lo && (hiOpen ? value < hi : value <= hi))) {
      throw new IllegalArgumentException(option + ": expected in [" + lo + ", " + hi + (hiOpen ? ")" : "]")
          + ", actual " + value);
    }
  }

  static <T> T present(String option, T value) {
    if (value == null) {
      throw new IllegalArgumentException(option + ": expected a value, actual none");
    }
    return value;
  }

  /** An input file: exists and is a regular file. */
  static void existingFile(String option, Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(option + ": expected a file, actual directory '" + file + "'");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + ": no such file '" + file + "'");
    }
  }

  /** An input directory: exists and is a directory. */
  static void existingDirectory(String option, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + ": expected a directory, actual file '" + dir + "'");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + ": no such directory '" + dir + "'");
    }
  }

  /** A file name that ends with the given extension, in any case. */
  static void extension(String option, Path file, String ext) {
    String name = String.valueOf(file.getFileName());
    if (!name.toLowerCase(Locale.ROOT).endsWith(ext)) {
      throw new IllegalArgumentException(option + ": expected a " + ext + " file, actual '" + file + "'");
    }
  }

  /** An output file: its directory exists, and it is not itself a directory. */
  static void writableFile(String option, Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(option + ": expected a file, actual directory '" + file + "'");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + ": directory '" + dir + "' does not exist");
    }
  }
}
