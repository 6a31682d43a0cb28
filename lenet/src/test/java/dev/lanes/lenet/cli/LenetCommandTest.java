package dev.lanes.lenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Convention;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.Kernels;
import dev.lanes.lenet.report.ProgressMode;
import dev.lanes.lenet.report.RunInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing into option records, help, and the exit status and one-line message of every kind of error. */
class LenetCommandTest {
  @TempDir Path dir;
  private final RecordingActions actions = new RecordingActions();
  private Path checkpoint;

  @BeforeEach
  void files() throws IOException {
    checkpoint = Files.writeString(dir.resolve("model.ck"), "not read by the fake");
  }

  private CliRun run(String... args) {
    return CliRun.of(actions, args);
  }

  private static void assertUsageError(CliRun run, String message) {
    assertEquals("lenet: error: " + message + "\n", run.err());
    assertEquals(LenetCommand.USAGE, run.status());
    assertNull(run.received(), "the action must not run");
  }

  @Test
  void trainDefaultsAreTheChaptersProtocol() {
    CliRun run = run("train");
    assertEquals(0, run.status(), run.err());
    assertEquals("", run.err());
    assertEquals(TrainOptions.defaults(ModelOptions.chapter()), run.received());
    assertEquals(new ModelOptions(Layout.NCHW, true, true, BnPlacement.BEFORE, false, Head.SOFTMAX,
        Convention.KERAS, 0.99, 1e-3), ModelOptions.chapter());
  }

  @Test
  void trainTakesEveryOption() throws IOException {
    Path data = dir.resolve("mnist");
    Files.createDirectories(data);
    CliRun run = run("train", "--epochs", "3", "--batch-size", "128", "--lr", "0.01", "--optimizer", "sgd",
        "--threads", "3", "--layout", "nhwc", "--seed", "-7", "--data", data.toString(),
        "--report", dir.resolve("r.json").toString(), "--plot", dir.resolve("c.png").toString(),
        "--save", dir.resolve("m.ck").toString(), "--no-bias-before-bn", "--bn-placement", "after",
        "--freeze-gamma-beta", "--use-global-stats", "--head", "sigmoid", "--bn-convention", "pytorch",
        "--momentum", "0.2", "--bn-eps", "1e-4", "--rho", "0.95", "--eps", "1e-6", "--validation-split", "0",
        "--progress", "log");
    assertEquals(0, run.status(), run.err());
    ModelOptions model = new ModelOptions(Layout.NHWC, true, false, BnPlacement.AFTER, true, Head.SIGMOID,
        Convention.PYTORCH, 0.2, 1e-4);
    assertEquals(new TrainOptions(model, 3, 128, 0.01, Optimizer.SGD, 0.95, 1e-6, true, 0, 3, -7,
        Optional.of(data), Optional.of(dir.resolve("r.json")), Optional.of(dir.resolve("c.png")),
        Optional.of(dir.resolve("m.ck")), ProgressMode.LOG), run.received());
  }

  @Test
  void noBatchNormAndTheConventionsDefaults() {
    TrainOptions noBn = (TrainOptions) run("train", "--no-bn").received();
    assertFalse(noBn.model().batchNorm());
    ModelOptions pytorch = (ModelOptions) run("summary", "--bn-convention", "PyTorch").received();
    assertEquals(0.1, pytorch.momentum());
    assertEquals(1e-5, pytorch.bnEps());
    assertEquals(Convention.PYTORCH, pytorch.bnParams().convention());
    ModelOptions explicit = (ModelOptions) run("summary", "--bn-convention=pytorch", "--momentum=0.01").received();
    assertEquals(0.01, explicit.momentum());
  }

  @Test
  void badValuesAreOneLineUsageErrors() {
    assertUsageError(run("train", "--batch-size", "0"), "--batch-size: expected >= 1, actual 0");
    assertUsageError(run("train", "--epochs", "0"), "--epochs: expected >= 1, actual 0");
    assertUsageError(run("train", "--epochs", "five"), "--epochs: expected an integer, actual 'five'");
    assertUsageError(run("train", "--seed", "1.5"), "--seed: expected an integer, actual '1.5'");
    assertUsageError(run("train", "--lr", "0"), "--lr: expected a finite number > 0, actual 0.0");
    assertUsageError(run("train", "--lr", "fast"), "--lr: expected a number, actual 'fast'");
    assertUsageError(run("train", "--lr", "NaN"), "--lr: expected a finite number > 0, actual NaN");
    assertUsageError(run("train", "--threads", "0"), "--threads: expected >= 1, actual 0");
    assertUsageError(run("train", "--optimizer", "adam"), "--optimizer: expected one of rmsprop, sgd, actual 'adam'");
    assertUsageError(run("train", "--layout", "nwhc"), "--layout: expected one of nchw, nhwc, actual 'nwhc'");
    assertUsageError(run("train", "--momentum", "1.5"), "--momentum: expected in [0.0, 1.0], actual 1.5");
    assertUsageError(run("train", "--bn-eps", "-1"), "--bn-eps: expected a finite number > 0, actual -1.0");
    assertUsageError(run("train", "--rho", "1"), "--rho: expected in [0.0, 1.0), actual 1.0");
    assertUsageError(run("train", "--validation-split", "1"), "--validation-split: expected in [0.0, 1.0), actual 1.0");
    assertUsageError(run("train", "--progress", "fancy"), "--progress: expected one of auto, bar, log, off, actual 'fancy'");
    assertUsageError(run("train", "--no-bn", "--use-global-stats"), "--use-global-stats: expected batch norm, actual --no-bn");
    assertUsageError(run("train", "--no-bn", "--no-bias-before-bn"), "--no-bias-before-bn: expected batch norm, actual --no-bn");
    assertUsageError(run("summary", "--no-bn", "--freeze-gamma-beta"), "--freeze-gamma-beta: expected batch norm, actual --no-bn");
    assertUsageError(run("train", "--epochs"), "missing required parameter for option '--epochs' (N)");
  }

  @Test
  void outputsNeedAnExistingDirectoryDataAnExistingOneAndPlotsArePng() {
    Path missing = dir.resolve("missing");
    assertUsageError(run("train", "--save", missing.resolve("m.ck").toString()),
        "--save: directory '" + missing + "' does not exist");
    assertUsageError(run("train", "--report", dir.toString()), "--report: expected a file, actual directory '" + dir + "'");
    assertUsageError(run("train", "--data", checkpoint.toString()),
        "--data: expected a directory, actual file '" + checkpoint + "'");
    assertUsageError(run("evaluate", "--model", checkpoint.toString(), "--data", missing.toString()),
        "--data: no such directory '" + missing + "'");
    assertUsageError(run("train", "--plot", dir.resolve("c.jpg").toString()),
        "--plot: expected a .png file, actual '" + dir.resolve("c.jpg") + "'");
  }

  @Test
  void unknownOptionsAndCommandsAreUsageErrors() {
    CliRun option = run("train", "--bogus");
    assertUsageError(option, "unknown option: '--bogus'");
    CliRun command = run("trian");
    assertEquals(LenetCommand.USAGE, command.status());
    assertTrue(command.err().startsWith("lenet: error: unmatched argument at index 0: 'trian' (did you mean train"),
        command.err());
    assertUsageError(run(), "expected a command: train, evaluate, predict, summary, fold or experiments (see lenet --help)");
  }

  @Test
  void evaluateNeedsAnExistingModel() {
    CliRun ok = run("evaluate", "--model", checkpoint.toString(), "--threads", "1");
    assertEquals(new EvaluateOptions(checkpoint, Optional.empty(), 256, 1), ok.received());
    Path missing = dir.resolve("nope.ck");
    assertUsageError(run("evaluate", "--model", missing.toString()), "--model: no such file '" + missing + "'");
    assertUsageError(run("evaluate", "--model", dir.toString()), "--model: expected a file, actual directory '" + dir + "'");
    assertUsageError(run("evaluate"), "missing required option: '--model=FILE'");
  }

  @Test
  void predictTakesAnIdxImageOrAPng() throws IOException {
    Path idx = Files.writeString(dir.resolve("t10k-images-idx3-ubyte"), "");
    Path png = Files.writeString(dir.resolve("seven.png"), "");
    String model = checkpoint.toString();
    PredictOptions first = (PredictOptions) run("predict", "--model", model, "--idx", idx.toString()).received();
    assertEquals(new PredictOptions.IdxImage(idx, 0), first.input());
    PredictOptions indexed = (PredictOptions) run("predict", "--model", model, "--idx", idx.toString(), "--index", "9").received();
    assertEquals(new PredictOptions.IdxImage(idx, 9), indexed.input());
    PredictOptions fromPng = (PredictOptions) run("predict", "--model", model, "--png", png.toString(), "--invert").received();
    assertEquals(new PredictOptions.PngImage(png, true), fromPng.input());

    assertUsageError(run("predict", "--model", model), "--idx or --png: expected one, actual neither");
    assertUsageError(run("predict", "--model", model, "--idx", idx.toString(), "--png", png.toString()),
        "--idx or --png: expected one, actual both");
    assertUsageError(run("predict", "--model", model, "--png", png.toString(), "--index", "3"),
        "--index: expected with --idx, actual with --png");
    assertUsageError(run("predict", "--model", model, "--idx", idx.toString(), "--invert"),
        "--invert: expected with --png, actual with --idx");
    assertUsageError(run("predict", "--model", model, "--idx", idx.toString(), "--index", "-1"),
        "--index: expected >= 0, actual -1");
    assertUsageError(run("predict", "--model", model, "--png", dir.resolve("none.png").toString()),
        "--png: no such file '" + dir.resolve("none.png") + "'");
  }

  @Test
  void foldAndExperiments() {
    Path out = dir.resolve("folded.ck");
    assertEquals(new FoldOptions(checkpoint, out), run("fold", "--model", checkpoint.toString(), "--out", out.toString()).received());
    assertUsageError(run("fold", "--model", checkpoint.toString(), "--out", dir.resolve("x").resolve("f.ck").toString()),
        "--out: directory '" + dir.resolve("x") + "' does not exist");

    Path md = dir.resolve("lenet.md");
    ExperimentOptions defaults = (ExperimentOptions) run("experiments", "--out", md.toString()).received();
    assertEquals(new ExperimentOptions(5, List.of(42L), md, Optional.empty(), Runtime.getRuntime().availableProcessors(),
        ProgressMode.AUTO), defaults);
    ExperimentOptions seeds = (ExperimentOptions) run("experiments", "--out", md.toString(), "--seeds", "1,2,3",
        "--epochs", "2", "--progress", "off").received();
    assertEquals(List.of(1L, 2L, 3L), seeds.seeds());
    assertEquals(2, seeds.epochs());
    assertUsageError(run("experiments", "--out", md.toString(), "--seeds", "1,1"),
        "--seeds: expected at least one seed, all distinct, actual [1, 1]");
    assertUsageError(run("experiments", "--out", md.toString(), "--seeds", "1,x"),
        "--seeds: expected an integer, actual 'x'");
  }

  @Test
  void failuresWhileRunningExitWithOneAndOneLine() {
    actions.failure = new IOException("checkpoint model.ck: truncated: expected 900 bytes, actual 512");
    CliRun io = run("evaluate", "--model", checkpoint.toString());
    assertEquals(LenetCommand.FAILURE, io.status());
    assertEquals("lenet: error: checkpoint model.ck: truncated: expected 900 bytes, actual 512\n", io.err());

    actions.failure = new NoSuchFileException("/data/mnist/train-images-idx3-ubyte");
    assertEquals("lenet: error: no such file '/data/mnist/train-images-idx3-ubyte'\n", run("train").err());
    actions.failure = new NoSuchFileException("/data/mnist/train-images-idx3-ubyte", null,
        "expected train-images-idx3-ubyte or train-images-idx3-ubyte.gz in /data/mnist");
    assertEquals("lenet: error: no such file '/data/mnist/train-images-idx3-ubyte' (expected"
        + " train-images-idx3-ubyte or train-images-idx3-ubyte.gz in /data/mnist)\n", run("train").err());

    actions.failure = new NullPointerException("model is null");
    CliRun bug = run("train");
    assertEquals(LenetCommand.FAILURE, bug.status());
    assertEquals("lenet: error: internal error: java.lang.NullPointerException: model is null"
        + " (run with --debug for the stack trace)\n", bug.err());
  }

  @Test
  void errorsAreCaughtToo() {
    actions.error = new OutOfMemoryError("Java heap space");
    CliRun run = run("train");
    assertEquals(LenetCommand.FAILURE, run.status());
    assertEquals("lenet: error: out of memory (Java heap space); use a smaller --batch-size, or give"
        + " the JVM more heap: JDK_JAVA_OPTIONS=-Xmx8g bin/lenet ...\n", run.err());
  }

  @Test
  void trainOptionsDescribeTheRun() {
    TrainOptions options = TrainOptions.defaults(ModelOptions.chapter());
    RunInfo info = options.runInfo();
    assertEquals("nchw", info.layout());
    assertEquals("rmsprop", info.optimizer());
    assertEquals(Kernels.vectorBits(), info.vectorBits());
    assertEquals(Kernels.implementation().name().toLowerCase(Locale.ROOT), info.implementation());
    assertEquals("0.9", info.options().get("rho"));
    assertEquals("keras", info.options().get("bn-convention"));
  }

  @Test
  void debugAddsTheStackTrace() {
    actions.failure = new IOException("disk full");
    CliRun run = run("train", "--debug");
    assertEquals(LenetCommand.FAILURE, run.status());
    assertTrue(run.err().startsWith("lenet: error: disk full\njava.io.IOException: disk full\n\tat "), run.err());
    CliRun usage = run("--debug", "train", "--epochs", "0");
    assertTrue(usage.err().startsWith("lenet: error: --epochs: expected >= 1, actual 0\n"), usage.err());
    assertTrue(usage.err().contains("\tat "), usage.err());
  }

  @Test
  void theActionsStatusIsTheExitStatus() {
    actions.status = 3;
    assertEquals(3, run("summary").status());
  }

  @Test
  void helpGoesToStdoutAndRunsNothing() {
    CliRun top = run("--help");
    assertEquals(0, top.status());
    assertTrue(top.out().contains("Usage: lenet [-h] [--debug] COMMAND"), top.out());
    assertTrue(top.out().contains("experiments"), top.out());
    CliRun train = run("train", "--help");
    assertEquals(0, train.status());
    assertTrue(train.out().contains("--batch-size=N"), train.out());
    assertTrue(train.out().contains("default: 64"), train.out());
    assertTrue(train.out().contains("--bn-placement=before|after"), train.out());
    assertEquals("", train.err());
    assertNull(train.received());
  }

  @Test
  void theRealSummaryRunsAndACorruptCheckpointIsOneLine(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = LenetCommand.run(new String[] {"summary"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), Actions::actions);
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));

    Path corrupt = dir.resolve("corrupt.ck");
    Files.write(corrupt, new byte[] {'L', 'A', 'N', 'E', 'S', 'C', 'K', '1', 0, 0});
    ByteArrayOutputStream err2 = new ByteArrayOutputStream();
    int status2 = LenetCommand.run(new String[] {"evaluate", "--model", corrupt.toString()},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2, true, StandardCharsets.UTF_8),
        Actions::actions);
    String message = err2.toString(StandardCharsets.UTF_8);
    assertEquals(LenetCommand.FAILURE, status2, message);
    assertTrue(message.startsWith("lenet: error: ") && message.contains("corrupt.ck"), message);
    assertEquals(1, message.lines().count(), message);
  }
}
