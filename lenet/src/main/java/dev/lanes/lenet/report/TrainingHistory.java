package dev.lanes.lenet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A training run as it happens: how it was made, one {@link EpochMetrics} per finished epoch, and the
 * test metrics once measured. {@link ReportWriter} can save it at any point, so an interrupted run
 * still leaves the epochs it finished.
 */
public final class TrainingHistory {
  private final RunInfo run;
  private final List<EpochMetrics> epochs = new ArrayList<>();
  private TestMetrics test;

  public TrainingHistory(RunInfo run) {
    if (run == null) {
      throw new IllegalArgumentException("run: expected a RunInfo, actual null");
    }
    this.run = run;
  }

  /** A finished run, as {@link ReportReader} reads it back; {@code test} may be null. */
  public TrainingHistory(RunInfo run, List<EpochMetrics> epochs, TestMetrics test) {
    this(run);
    epochs.forEach(this::add);
    this.test = test;
  }

  /** Appends the next epoch; epochs are numbered 1, 2, ... without gaps. */
  public void add(EpochMetrics epoch) {
    if (epoch.epoch() != epochs.size() + 1) {
      throw new IllegalArgumentException("epoch: expected " + (epochs.size() + 1) + ", actual "
          + epoch.epoch());
    }
    epochs.add(epoch);
  }

  public void test(TestMetrics metrics) {
    this.test = metrics;
  }

  public RunInfo run() {
    return run;
  }

  /** The epochs so far, a copy. */
  public List<EpochMetrics> epochs() {
    return List.copyOf(epochs);
  }

  public Optional<TestMetrics> test() {
    return Optional.ofNullable(test);
  }
}
