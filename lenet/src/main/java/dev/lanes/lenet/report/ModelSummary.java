package dev.lanes.lenet.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A Keras-style model summary:
 *
 * <pre>
 * Model: "lenet_bn"
 * _________________________________________________________________
 * Layer (type)                 Output Shape              Param #
 * =================================================================
 * conv2d (Conv2D)              (None, 6, 24, 24)         156
 * _________________________________________________________________
 * ...
 * =================================================================
 * Total params: 45,330
 * Trainable params: 44,878
 * Non-trainable params: 452
 * _________________________________________________________________
 * </pre>
 *
 * Columns are Keras' widths (29, 26, 10), widened when a cell needs more; lines carry no trailing
 * spaces.
 */
public final class ModelSummary {
  private static final int[] MIN_WIDTHS = {29, 26, 10};

  private final String modelName;
  private final List<LayerRow> rows;

  public ModelSummary(String modelName, List<LayerRow> rows) {
    if (modelName == null || rows == null) {
      throw new IllegalArgumentException("modelName and rows: expected non-null, actual " + modelName + ", "
          + rows);
    }
    this.modelName = modelName;
    this.rows = List.copyOf(rows);
  }

  public List<LayerRow> rows() {
    return rows;
  }

  public long totalParams() {
    return rows.stream().mapToLong(LayerRow::params).sum();
  }

  public long trainableParams() {
    return rows.stream().mapToLong(LayerRow::trainableParams).sum();
  }

  public long nonTrainableParams() {
    return rows.stream().mapToLong(LayerRow::nonTrainableParams).sum();
  }

  public void print(PrintStream out) {
    out.print(render());
    out.flush();
  }

  /** The table, each line ending in '\n'. */
  public String render() {
    int[] widths = MIN_WIDTHS.clone();
    for (LayerRow row : rows) {
      widths[0] = Math.max(widths[0], row.label().length() + 1);
      widths[1] = Math.max(widths[1], row.outputShape().length() + 1);
      widths[2] = Math.max(widths[2], Long.toString(row.params()).length() + 1);
    }
    int width = widths[0] + widths[1] + widths[2];
    StringBuilder s = new StringBuilder();
    s.append("Model: \"").append(modelName).append("\"\n");
    rule(s, '_', width);
    line(s, widths, "Layer (type)", "Output Shape", "Param #");
    rule(s, '=', width);
    for (int i = 0; i < rows.size(); i++) {
      LayerRow row = rows.get(i);
      line(s, widths, row.label(), row.outputShape(), Long.toString(row.params()));
      rule(s, i == rows.size() - 1 ? '=' : '_', width);
    }
    s.append("Total params: ").append(grouped(totalParams())).append('\n');
    s.append("Trainable params: ").append(grouped(trainableParams())).append('\n');
    s.append("Non-trainable params: ").append(grouped(nonTrainableParams())).append('\n');
    rule(s, '_', width);
    return s.toString();
  }

  private static void line(StringBuilder s, int[] widths, String layer, String shape, String params) {
    int start = s.length();
    s.append(layer).repeat(' ', widths[0] - layer.length());
    s.append(shape).repeat(' ', widths[1] - shape.length());
    s.append(params);
    s.setLength(start + s.substring(start).stripTrailing().length());
    s.append('\n');
  }

  private static String grouped(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  private static void rule(StringBuilder s, char c, int width) {
    s.repeat(c, width).append('\n');
  }
}
