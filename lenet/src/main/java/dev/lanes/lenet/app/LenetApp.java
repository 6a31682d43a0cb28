package dev.lanes.lenet.app;

import dev.lanes.lenet.cli.BnPlacement;
import dev.lanes.lenet.cli.EvaluateOptions;
import dev.lanes.lenet.cli.ExperimentOptions;
import dev.lanes.lenet.cli.FoldOptions;
import dev.lanes.lenet.cli.LenetActions;
import dev.lanes.lenet.cli.ModelOptions;
import dev.lanes.lenet.cli.PredictOptions;
import dev.lanes.lenet.cli.TrainOptions;
import dev.lanes.lenet.data.IdxImages;
import dev.lanes.lenet.data.IdxReader;
import dev.lanes.lenet.data.Mnist;
import dev.lanes.lenet.data.MnistRepository;
import dev.lanes.lenet.data.MnistSet;
import dev.lanes.lenet.io.Checkpoint;
import dev.lanes.lenet.io.DigitImage;
import dev.lanes.lenet.model.LeNet;
import dev.lanes.lenet.model.Ops;
import dev.lanes.lenet.report.ConfusionMatrix;
import dev.lanes.lenet.report.CurvePlot;
import dev.lanes.lenet.report.ReportWriter;
import dev.lanes.lenet.report.RunCurves;
import dev.lanes.lenet.report.TestMetrics;
import dev.lanes.lenet.train.Metrics;
import dev.lanes.lenet.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What each {@code bin/lenet} command does. */
public final class LenetApp implements LenetActions {
  /** Images in the MNIST test set. */
  private static final int TEST_IMAGES = 10_000;

  private final PrintStream out;

  public LenetApp(PrintStream out) {
    this.out = out;
  }

  static Mnist loadData(java.util.Optional<Path> dir, PrintStream log) throws IOException {
    return MnistRepository.defaults().load(dir.orElse(null), log);
  }

  @Override
  public int train(TrainOptions o) throws Exception {
    Mnist data = loadData(o.data(), out);
    try (Ops ops = new Ops(o.threads())) {
      TrainRun.Result r = new TrainRun(o, data, out).run(ops, true);
      TestMetrics test = r.history().test().orElseThrow();
      out.printf(Locale.ROOT, "Test loss: %.4f - test accuracy: %.4f%n", test.loss(), test.accuracy());
      if (o.model().batchNorm()) {
        TrainRun.printFirstBatchNorm(r.net(), out);
      }
      TrainRun.printProfile(r.profile(), o.epochs(), out);
      if (o.report().isPresent()) {
        ReportWriter.write(o.report().get(), r.history());
        out.println("Report: " + o.report().get());
      }
      if (o.plot().isPresent()) {
        new CurvePlot().write(o.plot().get(), "LeNet on MNIST, seed " + o.seed(),
            List.of(RunCurves.of(o.model().batchNorm() ? "LeNet-BN" : "LeNet", r.history())));
        out.println("Plot: " + o.plot().get());
      }
      if (o.save().isPresent()) {
        Checkpoint c = Models.checkpoint(r.net(), o.model(), Map.of(
            "epochs", Integer.toString(o.epochs()), "seed", Long.toString(o.seed()),
            Models.FOLDED, "false"));
        c.write(o.save().get());
        out.println("Saved: " + o.save().get());
      }
    }
    return 0;
  }

  @Override
  public int evaluate(EvaluateOptions o) throws Exception {
    try (Ops ops = new Ops(o.threads())) {
      // the checkpoint first, so that a bad one fails before any download; no batch beyond the test set
      LeNet net = Models.load(o.model(), ops, Math.min(o.batchSize(), TEST_IMAGES));
      MnistSet test = MnistRepository.defaults().loadTest(o.data().orElse(null), out);
      int batch = Math.min(net.capacity(), test.count());
      long[][] counts = new long[LeNet.CLASSES][LeNet.CLASSES];
      Trainer.evaluate(net, test, 0, test.count(), null);
      long t0 = System.nanoTime();
      Metrics m = Trainer.evaluate(net, test, 0, test.count(), counts);
      double seconds = (System.nanoTime() - t0) / 1e9;
      ConfusionMatrix confusion = new ConfusionMatrix(LeNet.CLASSES);
      for (int a = 0; a < LeNet.CLASSES; a++) {
        for (int p = 0; p < LeNet.CLASSES; p++) {
          for (long k = 0; k < counts[a][p]; k++) {
            confusion.add(a, p);
          }
        }
      }
      out.printf(Locale.ROOT, "Test loss: %.4f - test accuracy: %.4f (%d images)%n", m.loss(),
          m.accuracy(), m.images());
      out.print(confusion.render());
      out.printf(Locale.ROOT, "Inference: %.0f images/s (batch %d, %d threads, second pass)%n",
          m.images() / seconds, batch, o.threads());
    }
    return 0;
  }

  @Override
  public int predict(PredictOptions o) throws Exception {
    float[] image;
    if (o.input() instanceof PredictOptions.IdxImage idx) {
      IdxImages images = IdxReader.readImages(idx.file());
      if (idx.index() >= images.count()) {
        throw new IllegalArgumentException("--index: expected < " + images.count() + " (images in "
            + idx.file() + "), actual " + idx.index());
      }
      if (images.rows() != 28 || images.cols() != 28) {
        throw new IllegalArgumentException("--idx: expected 28x28 images, actual " + images.rows()
            + "x" + images.cols());
      }
      image = new float[LeNet.IMAGE];
      images.fillBatch(new int[] {idx.index()}, 0, 1, image, 0);
    } else {
      PredictOptions.PngImage png = (PredictOptions.PngImage) o.input();
      image = DigitImage.read(png.file(), png.invert());
    }
    try (Ops ops = new Ops(o.threads())) {
      LeNet net = Models.load(o.model(), ops, 1);
      net.forward(1, image, false);
      float[] p = new float[LeNet.CLASSES];
      net.probabilities(1, p);
      int best = 0;
      for (int j = 1; j < p.length; j++) {
        if (p[j] > p[best]) {
          best = j;
        }
      }
      out.println("Digit: " + best);
      for (int j = 0; j < p.length; j++) {
        out.printf(Locale.ROOT, "  %d: %.4f%n", j, p[j]);
      }
    }
    return 0;
  }

  @Override
  public int summary(ModelOptions o) {
    try (Ops ops = new Ops(1)) {
      Models.summary(LeNet.create(Models.config(o, false), ops, 1, 0)).print(out);
    }
    return 0;
  }

  @Override
  public int fold(FoldOptions o) throws Exception {
    ModelOptions options = Models.options(o.model());
    if (!options.batchNorm()) {
      throw new IllegalArgumentException("--model: expected a model with batch norm, actual one "
          + "without (nothing to fold)");
    }
    if (options.bnPlacement() == BnPlacement.AFTER) {
      throw new IllegalArgumentException("--model: expected BN before the activation, actual after "
          + "(a BN after the sigmoid cannot fold into the layer before it)");
    }
    try (Ops ops = new Ops(1)) {
      LeNet bn = Models.load(o.model(), ops, 1);
      ModelOptions plainOptions = new ModelOptions(options.layout(), false, true, BnPlacement.BEFORE,
          false, options.head(), options.convention(), options.momentum(), options.bnEps());
      LeNet plain = LeNet.create(Models.config(plainOptions, false), ops, 1, 0);
      Folding.fold(bn, plain);
      Models.checkpoint(plain, plainOptions, Map.of(Models.FOLDED, "true")).write(o.out());
    }
    out.println("Folded: " + o.out());
    return 0;
  }

  @Override
  public int experiments(ExperimentOptions o) throws Exception {
    Mnist data = loadData(o.data(), out);
    new Experiments(o, data, out).run();
    return 0;
  }
}
