package dev.lanes.lenet.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.lanes.lenet.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link TrainingHistory} as JSON, atomically (see {@link AtomicFiles}):
 *
 * <pre>{@code
 * {
 *   "format": "lanes-training-report", "version": 1,
 *   "run": {"seed": 42, "threads": 2, "layout": "nchw", "vectorBits": 256, "implementation": "panama",
 *           "batchSize": 64, "epochs": 5, "optimizer": "rmsprop", "lr": 0.001,
 *           "options": {"layout": "nchw", "bn": "true", ...}},
 *   "epochs": [{"epoch": 1, "loss": 0.21, "accuracy": 0.94, "val_loss": 0.09, "val_accuracy": 0.97,
 *               "seconds": 6.2}, ...],
 *   "test": {"loss": 0.05, "accuracy": 0.98}
 * }
 * }</pre>
 *
 * A number that is not finite (no validation split, a diverged loss) is written as null; {@code test}
 * is null until measured. {@link ReportReader} reads this back.
 */
public final class ReportWriter {
  private ReportWriter() {}

  static final String FORMAT = "lanes-training-report";
  static final int VERSION = 1;
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

  public static void write(Path file, TrainingHistory history) throws IOException {
    byte[] json = (toJson(history) + "\n").getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(json));
  }

  public static String toJson(TrainingHistory history) {
    JsonObject root = new JsonObject();
    root.addProperty("format", FORMAT);
    root.addProperty("version", VERSION);
    root.add("run", run(history.run()));
    JsonArray epochs = new JsonArray();
    for (EpochMetrics e : history.epochs()) {
      JsonObject epoch = new JsonObject();
      epoch.addProperty("epoch", e.epoch());
      epoch.add("loss", number(e.loss()));
      epoch.add("accuracy", number(e.accuracy()));
      epoch.add("val_loss", number(e.valLoss()));
      epoch.add("val_accuracy", number(e.valAccuracy()));
      epoch.add("seconds", number(e.seconds()));
      epochs.add(epoch);
    }
    root.add("epochs", epochs);
    root.add("test", history.test().<JsonElement>map(t -> {
      JsonObject test = new JsonObject();
      test.add("loss", number(t.loss()));
      test.add("accuracy", number(t.accuracy()));
      return test;
    }).orElse(JsonNull.INSTANCE));
    return GSON.toJson(root);
  }

  private static JsonObject run(RunInfo r) {
    JsonObject run = new JsonObject();
    run.addProperty("seed", r.seed());
    run.addProperty("threads", r.threads());
    run.addProperty("layout", r.layout());
    run.addProperty("vectorBits", r.vectorBits());
    run.addProperty("implementation", r.implementation());
    run.addProperty("batchSize", r.batchSize());
    run.addProperty("epochs", r.epochs());
    run.addProperty("optimizer", r.optimizer());
    run.add("lr", number(r.lr()));
    JsonObject options = new JsonObject();
    r.options().forEach(options::addProperty);
    run.add("options", options);
    return run;
  }

  private static JsonElement number(double value) {
    return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
  }
}
