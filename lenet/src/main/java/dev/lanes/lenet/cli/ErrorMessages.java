package dev.lanes.lenet.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The one-line messages of the command line's errors. */
final class ErrorMessages {
  private ErrorMessages() {}

  /** A usage error: {@code --batch-size: expected >= 1, actual 0}. */
  static String usage(ParameterException e) {
    if (e.getCause() instanceof TypeConversionException conversion
        && e.getArgSpec() instanceof OptionSpec option) {
      return option.longestName() + ": " + conversion.getMessage();
    }
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      return sentence(e.getMessage())
          + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)");
    }
    return sentence(e.getMessage());
  }

  /** A failure while running, without the exception's class where the message says enough. */
  static String failure(Throwable e) {
    return oneLine(describe(e));
  }

  private static String describe(Throwable e) {
    return switch (e) {
      case NoSuchFileException f ->
          "no such file '" + f.getFile() + "'" + (f.getReason() != null ? " (" + f.getReason() + ")" : "");
      case AccessDeniedException f -> "permission denied '" + f.getFile() + "'";
      case FileSystemException f ->
          f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
      case OutOfMemoryError m -> "out of memory (" + m.getMessage() + "); use a smaller --batch-size,"
          + " or give the JVM more heap: JDK_JAVA_OPTIONS=-Xmx8g bin/lenet ...";
      case IOException io when io.getMessage() != null -> io.getMessage();
      case IllegalArgumentException a when a.getMessage() != null -> a.getMessage();
      case IllegalStateException s when s.getMessage() != null -> s.getMessage();
      case UnsupportedOperationException u when u.getMessage() != null -> u.getMessage();
      default -> "internal error: " + e + " (run with --debug for the stack trace)";
    };
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** picocli's messages as ours: no "Error: " prefix, lower-case start, one line. */
  private static String sentence(String message) {
    String m = message.strip();
    if (m.startsWith("Error: ")) {
      m = m.substring("Error: ".length());
    }
    m = oneLine(m);
    return m.isEmpty() ? m : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
  }
}
