package dev.lanes.lenet.io;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that is not one: wrong magic or version, truncated, or failing its checksum. */
public final class CheckpointFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String problem;

  public CheckpointFormatException(Path file, String problem) {
    super("checkpoint " + file + ": " + problem);
    this.file = file;
    this.problem = problem;
  }

  /** The file that was read. */
  public Path file() {
    return file;
  }

  /** What is wrong, without the file name. */
  public String problem() {
    return problem;
  }
}
