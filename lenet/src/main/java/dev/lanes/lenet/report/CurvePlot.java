package dev.lanes.lenet.report;

import dev.lanes.lenet.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Training curves as a PNG: a loss panel and an accuracy panel against the epoch, each run in its own
 * colour, training solid with filled dots and validation dashed with hollow ones, with a legend. Drawn with java.awt in headless mode,
 * so it needs no display.
 */
public final class CurvePlot {
  static {
    // Set before the first AWT class initializes; an explicit -Djava.awt.headless wins.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  public static final int DEFAULT_WIDTH = 1000;
  public static final int DEFAULT_HEIGHT = 420;
  private static final int MIN_WIDTH = 400;
  private static final int MIN_HEIGHT = 200;
  /** Matplotlib's tab10, which most readers know from training plots. */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };
  private static final Color GRID = new Color(0xe6e6e6);
  private static final Stroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final Stroke DOT_OUTLINE = new BasicStroke(1.5f);
  private static final Stroke DASHED =
      new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);
  private static final int TITLE_HEIGHT = 34;

  private final int width;
  private final int height;

  public CurvePlot() {
    this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  public CurvePlot(int width, int height) {
    if (width < MIN_WIDTH || height < MIN_HEIGHT) {
      throw new IllegalArgumentException("width x height: expected at least " + MIN_WIDTH + "x" + MIN_HEIGHT
          + ", actual " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  /** Draws the runs and writes the PNG atomically (see {@link AtomicFiles}). */
  public void write(Path png, String title, List<RunCurves> runs) throws IOException {
    BufferedImage image = render(title, runs);
    AtomicFiles.write(png, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException(png + ": no PNG writer in this JVM");
      }
    });
  }

  public BufferedImage render(String title, List<RunCurves> runs) {
    if (title == null || runs == null || runs.isEmpty()) {
      throw new IllegalArgumentException("title and runs: expected a title and at least one run, actual "
          + title + ", " + runs);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      centered(g, title, width / 2, 24);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int half = width / 2;
      Rectangle left = new Rectangle(0, TITLE_HEIGHT, half, height - TITLE_HEIGHT);
      Rectangle right = new Rectangle(half, TITLE_HEIGHT, width - half, height - TITLE_HEIGHT);
      Rectangle lossPlot = panel(g, left, "loss", runs, EpochMetrics::loss, EpochMetrics::valLoss);
      panel(g, right, "accuracy", runs, EpochMetrics::accuracy, EpochMetrics::valAccuracy);
      legend(g, lossPlot, runs);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Draws one panel and returns its plot area. */
  private static Rectangle panel(Graphics2D g, Rectangle area, String name, List<RunCurves> runs,
      ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> val) {
    Rectangle plot = new Rectangle(area.x + 64, area.y + 26, area.width - 64 - 20, area.height - 26 - 46);
    int lastEpoch = 1;
    List<Double> values = new ArrayList<>();
    for (RunCurves run : runs) {
      for (EpochMetrics e : run.epochs()) {
        lastEpoch = Math.max(lastEpoch, e.epoch());
        values.add(train.applyAsDouble(e));
        values.add(val.applyAsDouble(e));
      }
    }
    Axis x = Axis.epochs(lastEpoch);
    Axis y = Axis.covering(values);

    g.setColor(Color.BLACK);
    centered(g, name, plot.x + plot.width / 2, area.y + 16);
    FontMetrics fm = g.getFontMetrics();
    for (double tick : y.ticks()) {
      int py = y.toPixel(tick, plot.y + plot.height, plot.y);
      g.setColor(GRID);
      g.drawLine(plot.x, py, plot.x + plot.width, py);
      g.setColor(Color.BLACK);
      g.drawLine(plot.x - 4, py, plot.x, py);
      String label = y.label(tick);
      g.drawString(label, plot.x - 7 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
    for (double tick : x.ticks()) {
      int px = x.toPixel(tick, plot.x, plot.x + plot.width);
      g.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 4);
      centered(g, x.label(tick), px, plot.y + plot.height + 6 + fm.getAscent());
    }
    centered(g, "epoch", plot.x + plot.width / 2, plot.y + plot.height + 10 + 2 * fm.getAscent());
    g.drawRect(plot.x, plot.y, plot.width, plot.height);

    Graphics2D clipped = (Graphics2D) g.create();
    try {
      clipped.clip(new Rectangle(plot.x - 4, plot.y - 4, plot.width + 8, plot.height + 8));
      for (int i = 0; i < runs.size(); i++) {
        clipped.setColor(PALETTE[i % PALETTE.length]);
        series(clipped, runs.get(i).epochs(), train, x, y, plot, SOLID);
        series(clipped, runs.get(i).epochs(), val, x, y, plot, DASHED);
      }
    } finally {
      clipped.dispose();
    }
    return plot;
  }

  /**
   * A polyline with a dot at each epoch, filled on the solid (training) line and hollow on the dashed
   * (validation) one, so that a one-epoch run's two points differ too; a NaN value breaks the line.
   */
  private static void series(Graphics2D g, List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> metric,
      Axis x, Axis y, Rectangle plot, Stroke stroke) {
    Path2D.Double line = new Path2D.Double();
    boolean drawing = false;
    for (EpochMetrics e : epochs) {
      double v = metric.applyAsDouble(e);
      if (!Double.isFinite(v)) {
        drawing = false;
        continue;
      }
      double px = x.toPixelExact(e.epoch(), plot.x, plot.x + plot.width);
      double py = y.toPixelExact(v, plot.y + plot.height, plot.y);
      if (drawing) {
        line.lineTo(px, py);
      } else {
        line.moveTo(px, py);
      }
      drawing = true;
      dot(g, px, py, stroke);
    }
    g.setStroke(stroke);
    g.draw(line);
  }

  /** An epoch's dot: filled on a solid line, hollow on a dashed one. */
  private static void dot(Graphics2D g, double px, double py, Stroke line) {
    Ellipse2D dot = new Ellipse2D.Double(px - 3, py - 3, 6, 6);
    if (line == SOLID) {
      g.fill(dot);
    } else {
      g.setStroke(DOT_OUTLINE);
      g.draw(dot);
    }
  }

  /** Top right of the loss panel, where falling loss curves leave room. */
  private static void legend(Graphics2D g, Rectangle plot, List<RunCurves> runs) {
    record Entry(String text, Color color, Stroke stroke, boolean dotted) {}
    List<Entry> entries = new ArrayList<>();
    Color style = runs.size() == 1 ? PALETTE[0] : Color.DARK_GRAY;
    if (runs.size() > 1) {
      for (int i = 0; i < runs.size(); i++) {
        entries.add(new Entry(runs.get(i).label(), PALETTE[i % PALETTE.length], SOLID, false));
      }
    }
    entries.add(new Entry("train", style, SOLID, true));
    if (runs.stream().flatMap(r -> r.epochs().stream()).anyMatch(EpochMetrics::hasValidation)) {
      entries.add(new Entry("validation", style, DASHED, true));
    }
    FontMetrics fm = g.getFontMetrics();
    int row = fm.getHeight() + 2;
    int textWidth = entries.stream().mapToInt(e -> fm.stringWidth(e.text())).max().orElse(0);
    int boxWidth = 8 + 28 + 6 + textWidth + 8;
    int boxHeight = 6 + row * entries.size() + 2;
    int bx = plot.x + plot.width - boxWidth - 8;
    int by = plot.y + 8;
    g.setColor(new Color(255, 255, 255, 230));
    g.fillRect(bx, by, boxWidth, boxHeight);
    g.setColor(Color.LIGHT_GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(bx, by, boxWidth, boxHeight);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      int cy = by + 6 + row * i + row / 2;
      g.setColor(e.color());
      g.setStroke(e.stroke());
      g.drawLine(bx + 8, cy, bx + 36, cy);
      if (e.dotted()) {
        dot(g, bx + 22, cy, e.stroke());
      }
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1f));
      g.drawString(e.text(), bx + 42, cy + fm.getAscent() / 2 - 1);
    }
  }

  private static void centered(Graphics2D g, String text, int cx, int baseline) {
    g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, baseline);
  }

  /** A linear axis over [min, max] with "nice" ticks (1, 2 or 5 times a power of ten). */
  record Axis(double min, double max, double step) {
    static Axis epochs(int lastEpoch) {
      int last = Math.max(lastEpoch, 2);
      double step = Math.max(1, niceStep((last - 1) / 8.0));
      return new Axis(1, last, step);
    }

    /** Covers the finite values; [0, 1] when there are none. */
    static Axis covering(List<Double> values) {
      double lo = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).min().orElse(0);
      double hi = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(1);
      if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
        double pad = Math.max(Math.abs(hi) * 0.01, 1e-3);
        lo -= pad;
        hi += pad;
      }
      double step = niceStep((hi - lo) / 5);
      return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / magnitude;
      double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
      return nice * magnitude;
    }

    List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      long first = Math.round(Math.ceil(min / step - 1e-9));
      for (long k = first; k * step <= max + step * 1e-9; k++) {
        ticks.add(k * step);
      }
      return ticks;
    }

    String label(double tick) {
      int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
      return String.format(Locale.ROOT, "%." + decimals + "f", tick);
    }

    double toPixelExact(double v, double from, double to) {
      return from + (v - min) / (max - min) * (to - from);
    }

    int toPixel(double v, int from, int to) {
      return (int) Math.round(toPixelExact(v, from, to));
    }
  }
}
