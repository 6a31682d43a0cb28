package dev.lanes.lenet.cli;

/**
 * What the commands do, once their options are parsed and checked. Each method returns the process
 * exit status (0 for success). An exception ends the command with status 1 and its message on one line
 * ({@code lenet: error: ...}); {@code --debug} adds the stack trace.
 */
public interface LenetActions {
  int train(TrainOptions options) throws Exception;

  int evaluate(EvaluateOptions options) throws Exception;

  int predict(PredictOptions options) throws Exception;

  int summary(ModelOptions options) throws Exception;

  int fold(FoldOptions options) throws Exception;

  int experiments(ExperimentOptions options) throws Exception;
}
