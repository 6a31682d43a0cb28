package dev.lanes.lenet.app;

import dev.lanes.lenet.cli.Optimizer;
import dev.lanes.lenet.cli.TrainOptions;
import dev.lanes.lenet.data.Mnist;
import dev.lanes.lenet.model.LayerTime;
import dev.lanes.lenet.model.LeNet;
import dev.lanes.lenet.model.Ops;
import dev.lanes.lenet.model.Param;
import dev.lanes.lenet.report.EpochMetrics;
import dev.lanes.lenet.report.ProgressBar;
import dev.lanes.lenet.report.TestMetrics;
import dev.lanes.lenet.report.TrainingHistory;
import dev.lanes.lenet.train.Metrics;
import dev.lanes.lenet.train.OptimizerStep;
import dev.lanes.lenet.train.Trainer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One training run as {@code train} does it: the first (1 - validation split) of the training images
 * train, the rest validate after each epoch, the test images test at the end. Epoch seconds count the
 * training steps only.
 */
final class TrainRun {
  private final TrainOptions o;
  private final Mnist data;
  private final PrintStream out;

  TrainRun(TrainOptions o, Mnist data, PrintStream out) {
    this.o = o;
    this.data = data;
    this.out = out;
  }

  /** What a run leaves: its history, the trained model and the per-layer time of all epochs. */
  record Result(TrainingHistory history, LeNet net, List<LayerTime> profile) {}

  Result run(Ops ops, boolean printSummary) {
    LeNet net = LeNet.create(Models.config(o.model(), o.useGlobalStats()), ops, o.batchSize(), o.seed());
    if (printSummary) {
      Models.summary(net).print(out);
    }
    OptimizerStep optimizer = new OptimizerStep(
        o.optimizer() == Optimizer.SGD ? OptimizerStep.Rule.SGD : OptimizerStep.Rule.RMSPROP,
        o.lr(), o.rho(), o.eps(), net.params(), ops.optimizers());
    Trainer trainer = new Trainer(net, optimizer, o.seed());
    int total = data.train().count();
    int validation = (int) Math.round(total * o.validationSplit());
    int training = total - validation;
    if (training < 1) {
      throw new IllegalArgumentException("--validation-split: expected to leave at least one of the "
          + total + " training images for training, actual " + o.validationSplit());
    }
    int steps = (training + o.batchSize() - 1) / o.batchSize();
    TrainingHistory history = new TrainingHistory(o.runInfo());
    ProgressBar bar = new ProgressBar(out, o.progress());
    for (int epoch = 1; epoch <= o.epochs(); epoch++) {
      bar.startEpoch(epoch, o.epochs(), steps);
      long t0 = System.nanoTime();
      Metrics train =
          trainer.epoch(data.train(), training, (done, n, loss, acc) -> bar.step(done, loss, acc));
      double seconds = (System.nanoTime() - t0) / 1e9;
      Metrics val = validation > 0 ? trainer.evaluate(data.train(), training, validation) : null;
      double valLoss = val == null ? Double.NaN : val.loss();
      double valAcc = val == null ? Double.NaN : val.accuracy();
      bar.endEpoch(train.loss(), train.accuracy(), valLoss, valAcc);
      history.add(new EpochMetrics(epoch, train.loss(), train.accuracy(), valLoss, valAcc, seconds));
      out.printf(Locale.ROOT, "Epoch %d: %.2f s of training steps%n", epoch, seconds);
    }
    Metrics test = trainer.evaluate(data.test(), 0, data.test().count());
    history.test(new TestMetrics(test.loss(), test.accuracy()));
    return new Result(history, net, new ArrayList<>(net.profile()));
  }

  /** The learned gamma and beta of the first BN layer, as the chapter prints them. */
  static void printFirstBatchNorm(LeNet net, PrintStream out) {
    for (Param p : net.params()) {
      if (p.name().endsWith("/gamma") || p.name().endsWith("/beta")) {
        out.println(p.name() + ": " + java.util.Arrays.toString(p.value()));
        if (p.name().endsWith("/beta")) {
          return;
        }
      }
    }
  }

  /** Milliseconds per epoch in each layer's forward and backward passes of the training steps. */
  static void printProfile(List<LayerTime> profile, int epochs, PrintStream out) {
    out.println("Time per epoch by layer (ms): forward, backward");
    double total = 0;
    for (LayerTime t : profile) {
      double f = t.forwardNanos() / 1e6 / epochs;
      double b = t.backwardNanos() / 1e6 / epochs;
      total += f + b;
      if (f + b >= 0.05) {
        out.printf(Locale.ROOT, "  %-24s %8.1f %8.1f%n", t.name(), f, b);
      }
    }
    out.printf(Locale.ROOT, "  %-24s %8.1f (the rest of the training steps: loss, optimizer, batches)%n",
        "layers total", total);
  }
}
