package dev.lanes.lenet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Layout;
import dev.lanes.lenet.cli.BnPlacement;
import dev.lanes.lenet.cli.ModelOptions;
import dev.lanes.lenet.io.CheckpointFormatException;
import dev.lanes.lenet.model.LeNet;
import dev.lanes.lenet.model.Ops;
import dev.lanes.lenet.model.Param;
import dev.lanes.lenet.report.ModelSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's counts, checkpoints of real models, and BN folding. */
class ModelsTest {
  @TempDir Path dir;

  @Test
  void profileCountsTrainingStepsOnly() {
    try (Ops ops = new Ops(1)) {
      LeNet net = LeNet.create(Models.config(ModelOptions.chapter(), false), ops, 2, 0);
      float[] x = new float[2 * LeNet.IMAGE];
      net.forward(2, x, false);
      assertTrue(net.profile().stream().allMatch(t -> t.forwardNanos() == 0 && t.backwardNanos() == 0),
          "an evaluation forward is not timed");
      net.forward(2, x, true);
      net.backward(2, new float[2 * LeNet.CLASSES]);
      assertTrue(net.profile().stream().mapToLong(t -> t.forwardNanos()).sum() > 0);
      assertTrue(net.profile().stream().mapToLong(t -> t.backwardNanos()).sum() > 0);
    }
  }

  @Test
  void summaryCountsTheChaptersParameters() {
    try (Ops ops = new Ops(1)) {
      ModelSummary s = Models.summary(LeNet.create(Models.config(ModelOptions.chapter(), false), ops, 1, 0));
      assertEquals(44_878, s.trainableParams());
      assertEquals(452, s.nonTrainableParams());
      ModelOptions noBias = withBias(ModelOptions.chapter(), false);
      ModelSummary t = Models.summary(LeNet.create(Models.config(noBias, false), ops, 1, 0));
      assertEquals(44_878 - 6 - 16 - 120 - 84, t.trainableParams());
      assertTrue(s.render().contains("Trainable params: 44,878"), s.render());
    }
  }

  @Test
  void checkpointRoundTripsEveryParameter() throws IOException {
    try (Ops ops = new Ops(1)) {
      ModelOptions o = new ModelOptions(Layout.NHWC, true, true, BnPlacement.AFTER, false,
          ModelOptions.chapter().head(), ModelOptions.chapter().convention(), 0.9, 1e-3);
      LeNet net = LeNet.create(Models.config(o, true), ops, 4, 3);
      randomize(net, 9);
      Path file = dir.resolve("m.ck");
      Models.checkpoint(net, o, Map.of("seed", "3")).write(file);
      LeNet back = Models.load(file, ops, 4);
      assertEquals(net.config(), back.config());
      for (int i = 0; i < net.params().size(); i++) {
        assertArrayEquals(net.params().get(i).value(), back.params().get(i).value(),
            net.params().get(i).name());
      }
      byte[] bytes = Files.readAllBytes(file);
      Path cut = dir.resolve("cut.ck");
      Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      CheckpointFormatException e =
          assertThrows(CheckpointFormatException.class, () -> Models.load(cut, ops, 4));
      assertTrue(e.getMessage().contains("cut.ck"), e.getMessage());
    }
  }

  @Test
  void foldedModelPredictsWhatTheBatchNormModelPredicts() {
    try (Ops ops = new Ops(1)) {
      int n = 8;
      LeNet bn = LeNet.create(Models.config(ModelOptions.chapter(), false), ops, n, 5);
      randomize(bn, 13);
      ModelOptions plainOptions = withBn(ModelOptions.chapter());
      LeNet plain = LeNet.create(Models.config(plainOptions, false), ops, n, 0);
      Folding.fold(bn, plain);
      float[] x = new float[n * LeNet.IMAGE];
      SplittableRandom r = new SplittableRandom(2);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextDouble();
      }
      float[] a = bn.forward(n, x, false).clone();
      float[] b = plain.forward(n, x, false);
      for (int i = 0; i < n * LeNet.CLASSES; i++) {
        assertEquals(a[i], b[i], 1e-3 * (1 + Math.abs(a[i])), "logit " + i);
      }
    }
  }

  /** Random parameters, moving variances positive, so that folding has something to fold. */
  private static void randomize(LeNet net, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (Param p : net.params()) {
      float[] v = p.value();
      boolean variance = p.name().endsWith("moving_variance");
      for (int i = 0; i < v.length; i++) {
        v[i] = variance ? (float) r.nextDouble(0.2, 2) : (float) r.nextDouble(-0.5, 0.5);
      }
    }
  }

  private static ModelOptions withBias(ModelOptions o, boolean bias) {
    return new ModelOptions(o.layout(), o.batchNorm(), bias, o.bnPlacement(), o.freezeGammaBeta(),
        o.head(), o.convention(), o.momentum(), o.bnEps());
  }

  private static ModelOptions withBn(ModelOptions o) {
    return new ModelOptions(o.layout(), false, true, BnPlacement.BEFORE, false, o.head(),
        o.convention(), o.momentum(), o.bnEps());
  }
}
