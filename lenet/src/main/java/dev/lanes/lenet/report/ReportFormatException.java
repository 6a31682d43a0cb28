package dev.lanes.lenet.report;

import java.io.IOException;
import java.nio.file.Path;

/** A training report that is not valid JSON or lacks a field {@link ReportReader} needs. */
public final class ReportFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public ReportFormatException(Path file, String problem, Throwable cause) {
    super("report " + file + ": " + problem, cause);
  }
}
