package dev.lanes.jmh.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as a standalone SVG: bars in titled groups, a colour per series (implementation)
 * with a legend, a linear value axis from 0, and an optional dashed line at a limit.
 */
final class SvgBarChart {
  record Bar(String label, String series, double value, String valueText) {}

  record Group(String title, List<Bar> bars) {}

  private static final String[] PALETTE = {"#8c8c8c", "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2"};
  private static final List<String> FIXED_SERIES = List.of("reference", "scalar", "panama");
  private static final int WIDTH = 900;
  private static final int BAR_X = 240;
  private static final int BAR_SPAN = 560;
  private static final int PITCH = 18;
  private static final int BAR_HEIGHT = 13;

  private SvgBarChart() {}

  /**
   * @param limit the limit's value in the bars' unit, or NaN for none
   * @param limitLabel what the dashed line is, e.g. "triad, 1 thread: 27.1 GB/s"
   */
  static String render(String title, String unit, List<Group> groups, double limit, String limitLabel) {
    double max = Double.isNaN(limit) ? 0 : limit;
    List<String> series = new ArrayList<>();
    for (Group g : groups) {
      for (Bar b : g.bars()) {
        max = Math.max(max, b.value());
        if (!series.contains(b.series())) {
          series.add(b.series());
        }
      }
    }
    double step = niceStep(max > 0 ? max / 5 : 1);
    double axisMax = Math.ceil(max * 1.08 / step) * step;

    StringBuilder body = new StringBuilder();
    int y = 70;
    // legend
    int lx = BAR_X;
    for (String s : series) {
      body.append(rect(lx, y - 10, 12, 12, color(s, series)));
      body.append(text(lx + 16, y, 12, "start", "", s));
      lx += 30 + 8 * s.length();
    }
    y += 16;
    int plotTop = y;
    for (Group g : groups) {
      y += 22;
      body.append(text(10, y, 14, "start", "font-weight=\"bold\"", g.title()));
      y += 6;
      for (Bar b : g.bars()) {
        double width = b.value() / axisMax * BAR_SPAN;
        body.append(text(BAR_X - 8, y + 11, 12, "end", "", b.label()));
        body.append(rect(BAR_X, y, Math.max(width, 0.5), BAR_HEIGHT, color(b.series(), series)));
        body.append(text(BAR_X + width + 4, y + 11, 11, "start", "", b.valueText()));
        y += PITCH;
      }
    }
    int plotBottom = y + 4;
    StringBuilder axis = new StringBuilder();
    for (double v = 0; v <= axisMax + step / 2; v += step) {
      double x = BAR_X + v / axisMax * BAR_SPAN;
      axis.append(line(x, plotTop, x, plotBottom, "#e6e6e6", ""));
      axis.append(text(x, plotBottom + 14, 11, "middle", "", tick(v, step)));
    }
    axis.append(text(BAR_X + BAR_SPAN / 2.0, plotBottom + 30, 12, "middle", "", unit));
    if (!Double.isNaN(limit)) {
      double x = BAR_X + limit / axisMax * BAR_SPAN;
      body.append(line(x, plotTop, x, plotBottom, "#c0392b", "stroke-dasharray=\"5,3\""));
      body.append(text(Math.min(x, BAR_X + BAR_SPAN - 4), plotTop + 12, 11, "end", "fill=\"#c0392b\"",
          limitLabel));
    }
    int height = plotBottom + 40;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
        + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" font-family=\"sans-serif\">\n"
        + rect(0, 0, WIDTH, height, "#ffffff")
        + text(10, 28, 16, "start", "font-weight=\"bold\"", title)
        + axis + body + "</svg>\n";
  }

  /** 1, 2 or 5 times a power of ten, at least raw. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** The tick label with as many decimals as the step needs: 0, 0.5, 1.0 or 0, 20, 40. */
  private static String tick(double v, double step) {
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String color(String s, List<String> series) {
    int fixed = FIXED_SERIES.indexOf(s);
    int k = fixed >= 0 ? fixed : FIXED_SERIES.size() + series.indexOf(s);
    return PALETTE[k % PALETTE.length];
  }

  private static String rect(double x, double y, double w, double h, String fill) {
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
        x, y, w, h, fill);
  }

  private static String line(double x1, double y1, double x2, double y2, String stroke, String extra) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" %s/>%n",
        x1, y1, x2, y2, stroke, extra);
  }

  private static String text(double x, double y, int size, String anchor, String extra, String s) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" %s>%s</text>%n",
        x, y, size, anchor, extra, escape(s));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
