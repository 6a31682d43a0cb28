package dev.lanes.lenet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long MS = 1_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now = 1_000 * MS;

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** An epoch of {@code steps} batches of {@code stepMs} each, loss and accuracy fixed. */
  private void epoch(ProgressBar bar, int steps, long stepMs) {
    bar.startEpoch(1, 5, steps);
    for (int done = 1; done <= steps; done++) {
      now += stepMs * MS;
      bar.step(done, 0.2345, 0.9312);
    }
    bar.endEpoch(0.1520, 0.9561, 0.09, 0.97);
  }

  @Test
  void logModePrintsATenthOfTheEpochPerLineAndKerasEpochEnd() {
    epoch(new ProgressBar(out, () -> now, ProgressMode.LOG), 750, 8);
    List<String> lines = output().lines().toList();
    assertEquals(11, lines.size(), output());
    assertEquals("Epoch 1/5", lines.get(0));
    assertEquals(" 75/750 [==>...........................] - ETA: 5s - loss: 0.2345 - accuracy: 0.9312", lines.get(1));
    assertEquals("375/750 [==============>...............] - ETA: 3s - loss: 0.2345 - accuracy: 0.9312", lines.get(5));
    assertEquals("750/750 [==============================] - 6s 8ms/step - loss: 0.1520 - accuracy: 0.9561"
        + " - val_loss: 0.0900 - val_accuracy: 0.9700", lines.get(10));
  }

  @Test
  void barModeRedrawsInPlaceAtMostTwentyTimesASecond() {
    epoch(new ProgressBar(out, () -> now, ProgressMode.BAR), 200, 1);
    String text = output();
    assertTrue(text.startsWith("Epoch 1/5\n\r  1/200 ["), text);
    assertEquals(5, text.chars().filter(c -> c == '\r').count(), text);
    assertTrue(text.endsWith("\r200/200 [==============================] - 0s 1ms/step - loss: 0.1520"
        + " - accuracy: 0.9561 - val_loss: 0.0900 - val_accuracy: 0.9700\n"), text);
  }

  @Test
  void aShorterLineCoversTheLongerOneBeforeIt() {
    ProgressBar bar = new ProgressBar(out, () -> now, ProgressMode.BAR);
    bar.startEpoch(1, 1, 10);
    now += 3600_000 * MS;
    bar.step(1, 1, 1);
    bytes.reset();
    now += 100 * MS;
    bar.step(9, 1, 1);
    String line = output();
    assertEquals("\r 9/10 [==========================>...] - ETA: 6:40 - loss: 1.0000 - accuracy: 1.0000   ", line);
  }

  @Test
  void offPrintsNothingAndEpochsWithoutValidationOmitIt() {
    epoch(new ProgressBar(out, () -> now, ProgressMode.OFF), 10, 1);
    assertEquals("", output());
    ProgressBar bar = new ProgressBar(out, () -> now, ProgressMode.LOG);
    bar.startEpoch(2, 2, 3);
    now += 3_000 * MS;
    bar.endEpoch(1e-5, 1);
    assertEquals("Epoch 2/2\n3/3 [==============================] - 3s 1s/step - loss: 1.0000e-05 - accuracy: 1.0000\n",
        output());
  }

  @Test
  void timesAreFormattedAsKerasDoes() {
    assertEquals("45s", ProgressBar.eta(45.4));
    assertEquals("2:03", ProgressBar.eta(123));
    assertEquals("1:02:03", ProgressBar.eta(3723));
    assertEquals("2s/step", ProgressBar.perStep(2.1));
    assertEquals("8ms/step", ProgressBar.perStep(0.008));
    assertEquals("950us/step", ProgressBar.perStep(0.00095));
  }
}
