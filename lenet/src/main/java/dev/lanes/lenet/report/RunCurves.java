package dev.lanes.lenet.report;

import java.util.List;

/** The epochs of one labelled run, as {@link CurvePlot} draws them. */
public record RunCurves(String label, List<EpochMetrics> epochs) {

  public RunCurves {
    if (label == null || epochs == null) {
      throw new IllegalArgumentException("label and epochs: expected non-null, actual " + label + ", "
          + epochs);
    }
    epochs = List.copyOf(epochs);
  }

  public static RunCurves of(String label, TrainingHistory history) {
    return new RunCurves(label, history.epochs());
  }
}
