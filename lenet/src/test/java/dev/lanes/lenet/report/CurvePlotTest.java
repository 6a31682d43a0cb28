package dev.lanes.lenet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvePlotTest {
  @TempDir Path dir;

  @Test
  void writesAPngOfTheRequestedSize() throws IOException {
    Path png = dir.resolve("curves.png");
    new CurvePlot(800, 360).write(png, "LeNet with batch norm", List.of(RunCurves.of("seed 42", ReportTest.history())));
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "not a readable image");
    assertEquals(800, image.getWidth());
    assertEquals(360, image.getHeight());
    assertTrue(colouredPixels(image) > 500, "curves drawn");
  }

  @Test
  void drawsSeveralLabelledRunsAndASingleEpoch() throws IOException {
    RunCurves one = new RunCurves("one epoch", List.of(new EpochMetrics(1, 0.3, 0.9, Double.NaN, Double.NaN, 1)));
    RunCurves flat = new RunCurves("flat", List.of(
        new EpochMetrics(1, 0.5, 1, 0.5, 1, 1), new EpochMetrics(2, 0.5, 1, 0.5, 1, 1)));
    Path png = dir.resolve("experiments.png");
    new CurvePlot().write(png, "exercises", List.of(RunCurves.of("baseline", ReportTest.history()), one, flat));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(CurvePlot.DEFAULT_WIDTH, image.getWidth());
    assertEquals(CurvePlot.DEFAULT_HEIGHT, image.getHeight());
  }

  @Test
  void aMissingDirectoryIsNamedAndNothingIsLeftBehind() throws IOException {
    Path png = dir.resolve("no-such-dir").resolve("curves.png");
    IOException e = assertThrows(IOException.class,
        () -> new CurvePlot().write(png, "t", List.of(RunCurves.of("r", ReportTest.history()))));
    assertEquals(png + ": directory " + png.getParent() + " does not exist", e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void axesHaveNiceTicks() {
    CurvePlot.Axis y = CurvePlot.Axis.covering(List.of(0.93, 0.987, Double.NaN));
    assertEquals(List.of(0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99),
        y.ticks().stream().map(t -> Math.round(t * 100) / 100.0).toList());
    assertEquals("0.93", y.label(y.ticks().get(0)));
    assertEquals(List.of(5.0, 10.0, 15.0, 20.0, 25.0, 30.0), CurvePlot.Axis.epochs(30).ticks());
    assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), CurvePlot.Axis.epochs(5).ticks());
    assertEquals(List.of(1.0, 2.0), CurvePlot.Axis.epochs(1).ticks());
  }

  private static int colouredPixels(BufferedImage image) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          count++;
        }
      }
    }
    return count;
  }
}
