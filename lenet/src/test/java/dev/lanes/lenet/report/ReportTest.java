package dev.lanes.lenet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  static TrainingHistory history() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("bn", "true");
    options.put("head", "softmax");
    options.put("bn_placement", "before");
    RunInfo run = new RunInfo(42, 2, "nchw", 256, "panama", 64, 3, "rmsprop", 0.001, options);
    TrainingHistory history = new TrainingHistory(run);
    history.add(new EpochMetrics(1, 0.21, 0.94, 0.09, 0.972, 6.25));
    history.add(new EpochMetrics(2, 0.07, 0.978, 0.06, 0.981, 5.5));
    history.add(new EpochMetrics(3, Double.NaN, 0.1, Double.NaN, Double.NaN, 5.5));
    return history;
  }

  @Test
  void roundTripKeepsEveryFieldAndTurnsNonFiniteIntoNull() throws IOException {
    TrainingHistory written = history();
    written.test(new TestMetrics(0.05, 0.983));
    Path file = dir.resolve("report.json");
    ReportWriter.write(file, written);
    String json = Files.readString(file);
    assertTrue(json.contains("\"val_loss\": null"), json);
    assertTrue(json.contains("\"vectorBits\": 256"), json);
    TrainingHistory read = ReportReader.read(file);
    assertEquals(written.run(), read.run());
    assertEquals(List.copyOf(written.run().options().keySet()), List.copyOf(read.run().options().keySet()));
    assertEquals(written.epochs(), read.epochs());
    assertEquals(written.test(), read.test());
  }

  @Test
  void aReportWithoutTestMetricsReadsBackWithout() throws IOException {
    Path file = dir.resolve("partial.json");
    ReportWriter.write(file, history());
    assertTrue(ReportReader.read(file).test().isEmpty());
  }

  @Test
  void brokenReportsNameTheFileAndTheField() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"format\": ");
    ReportFormatException syntax = assertThrows(ReportFormatException.class, () -> ReportReader.read(file));
    assertTrue(syntax.getMessage().startsWith("report " + file + ": not valid JSON: "), syntax.getMessage());

    Files.writeString(file, ReportWriter.toJson(history()).replace("\"seed\": 42,", ""));
    assertEquals("report " + file + ": run.seed: missing",
        assertThrows(ReportFormatException.class, () -> ReportReader.read(file)).getMessage());

    Files.writeString(file, ReportWriter.toJson(history()).replace("\"epoch\": 2,", "\"epoch\": \"two\","));
    assertEquals("report " + file + ": epochs[1].epoch: expected an integer, actual \"two\"",
        assertThrows(ReportFormatException.class, () -> ReportReader.read(file)).getMessage());

    Files.writeString(file, ReportWriter.toJson(history()).replace("\"version\": 1", "\"version\": 7"));
    assertEquals("report " + file + ": expected format lanes-training-report version 1, actual"
        + " lanes-training-report version 7",
        assertThrows(ReportFormatException.class, () -> ReportReader.read(file)).getMessage());

    Files.writeString(file, "[]");
    assertEquals("report " + file + ": top level: expected an object",
        assertThrows(ReportFormatException.class, () -> ReportReader.read(file)).getMessage());
  }

  @Test
  void epochsAreNumberedWithoutGaps() {
    TrainingHistory history = history();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> history.add(new EpochMetrics(5, 0, 0, 0, 0, 0)));
    assertEquals("epoch: expected 4, actual 5", e.getMessage());
  }
}
