package dev.lanes.lenet.app;

import dev.lanes.kernels.Layout;
import dev.lanes.lenet.cli.BnPlacement;
import dev.lanes.lenet.cli.Head;
import dev.lanes.lenet.cli.ModelOptions;
import dev.lanes.lenet.io.Checkpoint;
import dev.lanes.lenet.io.CheckpointFormatException;
import dev.lanes.lenet.io.NamedTensor;
import dev.lanes.lenet.model.LayerInfo;
import dev.lanes.lenet.model.LeNet;
import dev.lanes.lenet.model.ModelConfig;
import dev.lanes.lenet.model.Ops;
import dev.lanes.lenet.model.Param;
import dev.lanes.lenet.report.LayerRow;
import dev.lanes.lenet.report.ModelSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options to models, models to checkpoints and back, and the model summary. */
final class Models {
  /** Checkpoint metadata: the model trained with the moving statistics as batch statistics. */
  static final String GLOBAL_STATS = "use-global-stats";
  /** Checkpoint metadata: BN folded into the layers before it. */
  static final String FOLDED = "folded";

  private Models() {}

  static ModelConfig config(ModelOptions o, boolean useGlobalStats) {
    return new ModelConfig(o.layout(), o.batchNorm(), o.biasBeforeBn(),
        o.bnPlacement() == BnPlacement.AFTER, o.freezeGammaBeta(), useGlobalStats,
        o.head() == Head.SIGMOID, o.bnParams());
  }

  /** Keras' summary of net, output shapes as (None, ...) in the layout's order. */
  static ModelSummary summary(LeNet net) {
    List<LayerRow> rows = new ArrayList<>();
    for (LayerInfo l : net.layers()) {
      rows.add(new LayerRow(l.name(), l.type(),
          shape(l.outputShape(), net.config().layout()), l.trainable() + l.nonTrainable(),
          l.nonTrainable()));
    }
    return new ModelSummary("lenet" + (net.config().batchNorm() ? "_bn" : ""), rows);
  }

  private static String shape(int[] chw, Layout layout) {
    StringBuilder b = new StringBuilder("(None");
    if (chw.length == 3 && layout == Layout.NHWC) {
      b.append(", ").append(chw[1]).append(", ").append(chw[2]).append(", ").append(chw[0]);
    } else {
      for (int d : chw) {
        b.append(", ").append(d);
      }
    }
    return b.append(')').toString();
  }

  /** A checkpoint of net: its options, run facts and every parameter. */
  static Checkpoint checkpoint(LeNet net, ModelOptions options, Map<String, String> facts) {
    Map<String, String> meta = new LinkedHashMap<>(options.toMetadata());
    meta.put(GLOBAL_STATS, Boolean.toString(net.config().useGlobalStats()));
    meta.putAll(facts);
    List<NamedTensor> tensors = new ArrayList<>();
    for (Param p : net.params()) {
      tensors.add(new NamedTensor(p.name(), p.shape(), p.value()));
    }
    return new Checkpoint(meta, tensors);
  }

  /** The model a checkpoint describes, with its parameters loaded, for batches of up to capacity. */
  static LeNet load(Path file, Ops ops, int capacity) throws IOException {
    Checkpoint c = Checkpoint.read(file);
    ModelOptions options;
    try {
      options = ModelOptions.fromMetadata(c.metadata());
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException(file, "metadata: " + e.getMessage());
    }
    boolean global = Boolean.parseBoolean(c.metadata().getOrDefault(GLOBAL_STATS, "false"));
    LeNet net = LeNet.create(config(options, global), ops, capacity, 0);
    for (Param p : net.params()) {
      NamedTensor t = c.tensor(p.name()).orElseThrow(
          () -> new CheckpointFormatException(file, "tensor " + p.name() + ": missing"));
      if (!Arrays.equals(t.shape(), p.shape())) {
        throw new CheckpointFormatException(file, "tensor " + p.name() + ": expected shape "
            + Arrays.toString(p.shape()) + ", actual " + Arrays.toString(t.shape()));
      }
      t.copyTo(p.value(), 0);
    }
    if (c.tensors().size() != net.params().size()) {
      throw new CheckpointFormatException(file, "tensors: expected " + net.params().size()
          + " for this model, actual " + c.tensors().size());
    }
    return net;
  }

  /** The options stored in a checkpoint. */
  static ModelOptions options(Path file) throws IOException {
    Checkpoint c = Checkpoint.read(file);
    try {
      return ModelOptions.fromMetadata(c.metadata());
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException(file, "metadata: " + e.getMessage());
    }
  }
}
