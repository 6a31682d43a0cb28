package dev.lanes.lenet.report;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Keras-style progress of training epochs:
 *
 * <pre>
 * Epoch 1/5
 * 375/750 [==============>...............] - ETA: 3s - loss: 0.2345 - accuracy: 0.9312
 * 750/750 [==============================] - 6s 8ms/step - loss: 0.1520 - accuracy: 0.9561 - val_loss: ...
 * </pre>
 *
 * In {@link ProgressMode#BAR} the step line is redrawn in place, at most 20 times a second; in
 * {@link ProgressMode#LOG} a line is printed at each tenth of the epoch. {@link #step} formats nothing
 * unless it prints, so it can be called after every batch.
 */
public final class ProgressBar {
  private static final int BAR_WIDTH = 30;
  private static final long REDRAW_NANOS = 50_000_000L;

  private final PrintStream out;
  private final LongSupplier nanoTime;
  private final ProgressMode mode;
  private int steps;
  private long epochStart;
  private long lastDraw;
  private int lastTenth;
  private int lastLineLength;

  /**
   * @param out where progress goes
   * @param nanoTime clock in nanoseconds ({@code System::nanoTime}; tests pass a fake)
   * @param mode BAR, LOG or OFF; AUTO is resolved by {@link #terminalAttached()}
   */
  public ProgressBar(PrintStream out, LongSupplier nanoTime, ProgressMode mode) {
    if (out == null || nanoTime == null || mode == null) {
      throw new IllegalArgumentException("out, nanoTime and mode: expected non-null, actual "
          + out + ", " + nanoTime + ", " + mode);
    }
    this.out = out;
    this.nanoTime = nanoTime;
    this.mode = mode == ProgressMode.AUTO ? (terminalAttached() ? ProgressMode.BAR : ProgressMode.LOG) : mode;
  }

  /** Progress on {@code out} with the system clock. */
  public ProgressBar(PrintStream out, ProgressMode mode) {
    this(out, System::nanoTime, mode);
  }

  /** True when standard output is an interactive terminal, where a line can be redrawn in place. */
  public static boolean terminalAttached() {
    Console console = System.console();
    return console != null && console.isTerminal();
  }

  /** The mode in effect (never AUTO). */
  public ProgressMode mode() {
    return mode;
  }

  /** Prints {@code Epoch e/n} and starts the epoch's clock; {@code steps} batches will follow. */
  public void startEpoch(int epoch, int epochs, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps: expected >= 1, actual " + steps);
    }
    this.steps = steps;
    epochStart = nanoTime.getAsLong();
    lastDraw = epochStart - REDRAW_NANOS;
    lastTenth = 0;
    lastLineLength = 0;
    if (mode != ProgressMode.OFF) {
      out.println("Epoch " + epoch + "/" + epochs);
    }
  }

  /**
   * Reports that {@code done} of the epoch's steps are done, with the running means of the epoch's
   * loss and accuracy so far. Prints only when the mode's rate allows.
   */
  public void step(int done, double loss, double accuracy) {
    if (mode == ProgressMode.OFF || done <= 0 || done >= steps) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (mode == ProgressMode.BAR) {
      if (now - lastDraw < REDRAW_NANOS) {
        return;
      }
      lastDraw = now;
    } else {
      int tenth = (int) (10L * done / steps);
      if (tenth == lastTenth) {
        return;
      }
      lastTenth = tenth;
    }
    double eta = seconds(now - epochStart) / done * (steps - done);
    StringBuilder line = counter(done).append(" - ETA: ").append(eta(eta));
    metric(line, "loss", loss);
    metric(line, "accuracy", accuracy);
    emit(line, false);
  }

  /** Ends the epoch without validation metrics. */
  public void endEpoch(double loss, double accuracy) {
    endEpoch(loss, accuracy, Double.NaN, Double.NaN);
  }

  /** Ends the epoch: the full bar, time, time per step and metrics; NaN validation metrics are left out. */
  public void endEpoch(double loss, double accuracy, double valLoss, double valAccuracy) {
    if (steps == 0) {
      throw new IllegalStateException("endEpoch: expected startEpoch first");
    }
    if (mode == ProgressMode.OFF) {
      return;
    }
    double elapsed = seconds(nanoTime.getAsLong() - epochStart);
    StringBuilder line = counter(steps)
        .append(String.format(Locale.ROOT, " - %.0fs ", elapsed))
        .append(perStep(elapsed / steps));
    metric(line, "loss", loss);
    metric(line, "accuracy", accuracy);
    if (!Double.isNaN(valLoss)) {
      metric(line, "val_loss", valLoss);
    }
    if (!Double.isNaN(valAccuracy)) {
      metric(line, "val_accuracy", valAccuracy);
    }
    emit(line, true);
  }

  /** {@code done/steps [====>.....]}, the counter padded to the width of {@code steps}. */
  private StringBuilder counter(int done) {
    String total = Integer.toString(steps);
    String count = Integer.toString(done);
    StringBuilder line = new StringBuilder(120);
    line.repeat(' ', total.length() - count.length()).append(count).append('/').append(total).append(" [");
    int filled = (int) ((long) BAR_WIDTH * done / steps);
    if (done < steps) {
      line.repeat('=', Math.max(filled - 1, 0)).append('>').repeat('.', BAR_WIDTH - Math.max(filled, 1));
    } else {
      line.repeat('=', BAR_WIDTH);
    }
    return line.append(']');
  }

  /** In BAR mode the line overwrites the previous one, padded so no old characters show through. */
  private void emit(StringBuilder line, boolean last) {
    if (mode == ProgressMode.BAR) {
      int length = line.length();
      line.repeat(' ', Math.max(lastLineLength - length, 0));
      lastLineLength = length;
      out.print("\r" + line + (last ? "\n" : ""));
      out.flush();
    } else {
      out.println(line);
    }
  }

  private static void metric(StringBuilder line, String name, double value) {
    String format = value != 0 && Math.abs(value) < 1e-3 ? "%.4e" : "%.4f";
    line.append(" - ").append(name).append(": ").append(String.format(Locale.ROOT, format, value));
  }

  /** As Keras: {@code 1:02:03}, {@code 2:03}, or {@code 45s}. */
  static String eta(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
    return s + "s";
  }

  /** As Keras: {@code 2s/step}, {@code 8ms/step} or {@code 950us/step}. */
  static String perStep(double seconds) {
    if (seconds >= 1) {
      return String.format(Locale.ROOT, "%.0fs/step", seconds);
    }
    if (seconds >= 1e-3) {
      return String.format(Locale.ROOT, "%.0fms/step", seconds * 1e3);
    }
    return String.format(Locale.ROOT, "%.0fus/step", seconds * 1e6);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
