package dev.lanes.lenet.report;

/**
 * One row of a {@link ModelSummary}.
 *
 * @param name layer name, e.g. {@code conv2d}
 * @param type layer type, e.g. {@code Conv2D}; empty to print the name alone
 * @param outputShape as printed, e.g. {@code (None, 24, 24, 6)}
 * @param params all parameters of the layer, >= 0
 * @param nonTrainableParams those not updated by the optimizer (moving statistics, frozen ones), in
 *     [0, params]
 */
public record LayerRow(String name, String type, String outputShape, long params, long nonTrainableParams) {

  public LayerRow {
    if (name == null || type == null || outputShape == null) {
      throw new IllegalArgumentException("name, type and outputShape: expected non-null, actual "
          + name + ", " + type + ", " + outputShape);
    }
    if (params < 0 || nonTrainableParams < 0 || nonTrainableParams > params) {
      throw new IllegalArgumentException(name + ": expected 0 <= nonTrainableParams <= params, actual "
          + nonTrainableParams + " of " + params);
    }
  }

  /** A layer whose parameters are all trainable. */
  public static LayerRow trainable(String name, String type, String outputShape, long params) {
    return new LayerRow(name, type, outputShape, params, 0);
  }

  public long trainableParams() {
    return params - nonTrainableParams;
  }

  /** The first column: {@code name (type)}. */
  String label() {
    return type.isEmpty() ? name : name + " (" + type + ")";
  }
}
