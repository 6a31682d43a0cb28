package dev.lanes.lenet.report;

/**
 * What one training epoch measured. Loss and accuracy are means over the epoch's batches (as Keras
 * reports them); the validation pair is NaN when the run has no validation split.
 *
 * @param epoch 1-based
 * @param seconds wall time of the epoch, validation included
 */
public record EpochMetrics(
    int epoch, double loss, double accuracy, double valLoss, double valAccuracy, double seconds) {

  public EpochMetrics {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch: expected >= 1, actual " + epoch);
    }
  }

  public boolean hasValidation() {
    return !Double.isNaN(valLoss) || !Double.isNaN(valAccuracy);
  }
}
