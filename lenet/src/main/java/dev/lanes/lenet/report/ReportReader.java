package dev.lanes.lenet.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads the JSON that {@link ReportWriter} writes; null numbers come back as NaN. */
public final class ReportReader {
  private ReportReader() {}

  /**
   * @throws ReportFormatException naming the file and the field when the file is not a training report
   *     of {@link ReportWriter}'s format and version
   * @throws IOException when the file cannot be read
   */
  public static TrainingHistory read(Path file) throws IOException {
    JsonElement root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(in);
    } catch (JsonParseException e) {
      throw new ReportFormatException(file, "not valid JSON: " + rootCause(e).getMessage(), e);
    }
    try {
      return history(new Fields(root, ""));
    } catch (IllegalStateException e) {
      throw new ReportFormatException(file, e.getMessage(), e);
    }
  }

  private static TrainingHistory history(Fields root) {
    String format = root.string("format");
    long version = root.integer("version");
    if (!format.equals(ReportWriter.FORMAT) || version != ReportWriter.VERSION) {
      throw new IllegalStateException("expected format " + ReportWriter.FORMAT + " version "
          + ReportWriter.VERSION + ", actual " + format + " version " + version);
    }
    Fields run = root.object("run");
    Map<String, String> options = new LinkedHashMap<>();
    Fields optionFields = run.object("options");
    for (String key : optionFields.object.keySet()) {
      options.put(key, optionFields.string(key));
    }
    RunInfo info = new RunInfo(run.integer("seed"), (int) run.integer("threads"), run.string("layout"),
        (int) run.integer("vectorBits"), run.string("implementation"), (int) run.integer("batchSize"),
        (int) run.integer("epochs"), run.string("optimizer"), run.number("lr"), options);
    List<EpochMetrics> epochs = new ArrayList<>();
    JsonArray array = root.array("epochs");
    for (int i = 0; i < array.size(); i++) {
      Fields e = new Fields(array.get(i), "epochs[" + i + "]");
      epochs.add(new EpochMetrics((int) e.integer("epoch"), e.number("loss"), e.number("accuracy"),
          e.number("val_loss"), e.number("val_accuracy"), e.number("seconds")));
    }
    TestMetrics test = null;
    if (!root.isNull("test")) {
      Fields t = root.object("test");
      test = new TestMetrics(t.number("loss"), t.number("accuracy"));
    }
    try {
      return new TrainingHistory(info, epochs, test);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("epochs: " + e.getMessage(), e);
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A JSON object whose missing or mistyped fields fail with the field's path in the message. */
  private static final class Fields {
    final JsonObject object;
    final String path;

    Fields(JsonElement element, String path) {
      if (element == null || !element.isJsonObject()) {
        throw new IllegalStateException((path.isEmpty() ? "top level" : path) + ": expected an object");
      }
      this.object = element.getAsJsonObject();
      this.path = path;
    }

    Fields object(String key) {
      return new Fields(field(key), name(key));
    }

    JsonArray array(String key) {
      JsonElement e = field(key);
      if (!e.isJsonArray()) {
        throw new IllegalStateException(name(key) + ": expected an array, actual " + e);
      }
      return e.getAsJsonArray();
    }

    String string(String key) {
      return primitive(key, "a string", JsonPrimitive::isString).getAsString();
    }

    long integer(String key) {
      JsonPrimitive p = primitive(key, "an integer", JsonPrimitive::isNumber);
      double d = p.getAsDouble();
      if (d != Math.rint(d)) {
        throw new IllegalStateException(name(key) + ": expected an integer, actual " + p);
      }
      return p.getAsLong();
    }

    boolean isNull(String key) {
      return field(key).isJsonNull();
    }

    /** A number, or NaN for null. */
    double number(String key) {
      if (isNull(key)) {
        return Double.NaN;
      }
      return primitive(key, "a number", JsonPrimitive::isNumber).getAsDouble();
    }

    private JsonPrimitive primitive(String key, String expected, Predicate<JsonPrimitive> is) {
      JsonElement e = field(key);
      if (!e.isJsonPrimitive() || !is.test(e.getAsJsonPrimitive())) {
        throw new IllegalStateException(name(key) + ": expected " + expected + ", actual " + e);
      }
      return e.getAsJsonPrimitive();
    }

    private JsonElement field(String key) {
      JsonElement e = object.get(key);
      if (e == null) {
        throw new IllegalStateException(name(key) + ": missing");
      }
      return e;
    }

    private String name(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }
}
