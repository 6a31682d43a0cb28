package dev.lanes.lenet.cli;

/** A {@link LenetActions} that keeps the options it was given and returns or throws what a test set. */
final class RecordingActions implements LenetActions {
  Object received;
  int status;
  Exception failure;
  Error error;

  private int record(Object options) throws Exception {
    received = options;
    if (failure != null) {
      throw failure;
    }
    if (error != null) {
      throw error;
    }
    return status;
  }

  @Override
  public int train(TrainOptions options) throws Exception {
    return record(options);
  }

  @Override
  public int evaluate(EvaluateOptions options) throws Exception {
    return record(options);
  }

  @Override
  public int predict(PredictOptions options) throws Exception {
    return record(options);
  }

  @Override
  public int summary(ModelOptions options) throws Exception {
    return record(options);
  }

  @Override
  public int fold(FoldOptions options) throws Exception {
    return record(options);
  }

  @Override
  public int experiments(ExperimentOptions options) throws Exception {
    return record(options);
  }
}
