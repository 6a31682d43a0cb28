package dev.lanes.jmh.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON that JMH writes with {@code -rf json}: an array of benchmark results. */
public final class JmhJson {
  private JmhJson() {}

  /** The results in file order; throws IllegalArgumentException naming the file when it is not JMH JSON. */
  public static List<RunRecord> read(Path file) throws IOException {
    JsonElement root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(in);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": expected JMH JSON (-rf json), actual unparsable: "
          + e.getMessage(), e);
    }
    if (!root.isJsonArray()) {
      throw new IllegalArgumentException(file + ": expected a JSON array of JMH results, actual " + kind(root));
    }
    List<RunRecord> records = new ArrayList<>();
    for (JsonElement e : root.getAsJsonArray()) {
      try {
        records.add(record(e.getAsJsonObject()));
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException(file + ": result " + records.size() + " is not a JMH result: "
            + ex.getMessage(), ex);
      }
    }
    return records;
  }

  private static RunRecord record(JsonObject o) {
    String benchmark = o.get("benchmark").getAsString();
    int dot = benchmark.lastIndexOf('.');
    String qualifiedClass = benchmark.substring(0, dot);
    Map<String, String> params = new LinkedHashMap<>();
    if (o.has("params")) {
      for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
        params.put(p.getKey(), p.getValue().getAsString());
      }
    }
    JsonObject primary = o.getAsJsonObject("primaryMetric");
    Map<String, List<Double>> secondary = new LinkedHashMap<>();
    if (o.has("secondaryMetrics")) {
      for (Map.Entry<String, JsonElement> m : o.getAsJsonObject("secondaryMetrics").entrySet()) {
        secondary.put(m.getKey(), flatten(m.getValue().getAsJsonObject().get("rawData")));
      }
    }
    List<String> jvmArgs = new ArrayList<>();
    if (o.has("jvmArgs")) {
      for (JsonElement a : o.getAsJsonArray("jvmArgs")) {
        jvmArgs.add(a.getAsString());
      }
    }
    return new RunRecord(
        qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1),
        benchmark.substring(dot + 1),
        params,
        string(o, "mode"),
        primary.get("scoreUnit").getAsString(),
        primary.has("rawData") ? flatten(primary.get("rawData")) : List.of(primary.get("score").getAsDouble()),
        secondary,
        integer(o, "forks"),
        integer(o, "warmupIterations"),
        string(o, "warmupTime"),
        integer(o, "measurementIterations"),
        string(o, "measurementTime"),
        string(o, "jvm"),
        jvmArgs,
        string(o, "jdkVersion"),
        string(o, "vmName"),
        string(o, "vmVersion"));
  }

  /** rawData is one array of iteration scores per fork. */
  private static List<Double> flatten(JsonElement rawData) {
    List<Double> values = new ArrayList<>();
    if (rawData == null) {
      return values;
    }
    for (JsonElement fork : rawData.getAsJsonArray()) {
      JsonArray iterations = fork.getAsJsonArray();
      for (JsonElement v : iterations) {
        values.add(v.getAsDouble());
      }
    }
    return values;
  }

  private static String string(JsonObject o, String name) {
    return o.has(name) ? o.get(name).getAsString() : "?";
  }

  private static int integer(JsonObject o, String name) {
    return o.has(name) ? o.get(name).getAsInt() : 0;
  }

  private static String kind(JsonElement e) {
    return e.isJsonObject() ? "an object" : e.isJsonPrimitive() ? "a primitive" : "null";
  }
}
