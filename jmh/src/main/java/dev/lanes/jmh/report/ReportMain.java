package dev.lanes.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of the report generator (what {@code bin/report} runs):
 *
 * <pre>
 * ReportMain [--command TEXT]... [--note TEXT]... JSON... [OUT.md]
 * </pre>
 *
 * Reads JMH JSON results (several files are one run: results of the same benchmark and parameters are
 * pooled), writes the markdown to OUT.md (default: the system property {@code lanes.report.out}, else
 * docs/benchmarks.md) and the charts next to it as OUT-bn.svg and OUT-conv.svg. {@code --command} records
 * a command that produced the results, {@code --note} adds a line to the header. The date is when the
 * newest JSON file was written; the CPU is the one of the machine that writes the report
 * ({@link #hostCpu}).
 */
public final class ReportMain {
  private ReportMain() {}

  static final String USAGE =
      "usage: bin/report [--command TEXT]... [--note TEXT]... JSON... [OUT.md]";

  public static void main(String[] args) {
    try {
      for (Path written : run(args)) {
        System.err.println("wrote " + written);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bin/report: " + e.getMessage());
      System.exit(2);
    } catch (IOException e) {
      System.err.println("bin/report: " + e);
      System.exit(1);
    }
  }

  /**
   * The first model name and the number of processors in a Linux cpuinfo file. JMH's JSON does not
   * record the CPU, and the machine behind this project's runs has changed between sessions without a
   * figure showing it at once; bin/report normally runs right after bin/bench, on the same machine.
   */
  static String hostCpu(Path cpuinfo) throws IOException {
    if (!Files.isReadable(cpuinfo)) {
      return "not read (no " + cpuinfo + ")";
    }
    List<String> lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
    String model = lines.stream()
        .filter(l -> l.startsWith("model name") && l.contains(":"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("model not given");
    long processors = lines.stream().filter(l -> l.matches("processor\\s*:.*")).count();
    return model + ", " + processors + " logical CPUs";
  }

  /** Writes the report and its charts; returns the files written. */
  static List<Path> run(String[] args) throws IOException {
    List<String> commands = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--command", "--note" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException(args[i] + ": expected a value, actual none\n" + USAGE);
          }
          (args[i].equals("--command") ? commands : notes).add(args[++i]);
        }
        case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
        default -> files.add(args[i]);
      }
    }
    Path out = Path.of(System.getProperty("lanes.report.out", "docs/benchmarks.md"));
    if (!files.isEmpty() && files.getLast().endsWith(".md")) {
      out = Path.of(files.removeLast());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("JSON: expected at least one JMH JSON file, actual none\n" + USAGE);
    }
    Map<String, RunRecord> pooled = new LinkedHashMap<>();
    FileTime newest = FileTime.fromMillis(0);
    for (String f : files) {
      Path json = Path.of(f);
      if (!Files.isRegularFile(json)) {
        throw new IllegalArgumentException(f + ": expected a JMH JSON file, actual no such file");
      }
      for (RunRecord r : JmhJson.read(json)) {
        pooled.merge(r.key(), r, RunRecord::pooledWith);
      }
      FileTime t = Files.getLastModifiedTime(json);
      newest = t.compareTo(newest) > 0 ? t : newest;
    }
    String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .format(newest.toInstant().atOffset(ZoneOffset.UTC)) + " (results written)";
    String name = out.getFileName().toString();
    String stem = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    MarkdownReport.Output report = MarkdownReport.build(new ArrayList<>(pooled.values()),
        new MarkdownReport.Inputs(files, date, hostCpu(Path.of("/proc/cpuinfo")), commands, notes),
        stem);
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    Files.writeString(out, report.markdown(), StandardCharsets.UTF_8);
    written.add(out);
    for (Map.Entry<String, String> chart : report.charts().entrySet()) {
      Path svg = dir.resolve(chart.getKey());
      Files.writeString(svg, chart.getValue(), StandardCharsets.UTF_8);
      written.add(svg);
    }
    return written;
  }
}
