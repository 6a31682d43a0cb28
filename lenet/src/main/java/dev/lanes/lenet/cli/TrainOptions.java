package dev.lanes.lenet.cli;

import dev.lanes.kernels.Kernels;
import dev.lanes.lenet.report.ProgressMode;
import dev.lanes.lenet.report.RunInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lenet train}: the chapter's protocol by default (RMSprop, batch 64, 5 epochs, the last 20% of
 * the training images for validation).
 *
 * @param model the architecture
 * @param epochs >= 1 ({@code --epochs})
 * @param batchSize >= 1 ({@code --batch-size})
 * @param lr learning rate, finite and > 0 ({@code --lr})
 * @param optimizer {@code --optimizer}
 * @param rho RMSprop's decay of the squared-gradient average, in [0, 1) ({@code --rho})
 * @param eps RMSprop's epsilon, finite and > 0 ({@code --eps})
 * @param useGlobalStats BN normalizes with its running statistics while training too, as frozen BN
 *     does when fine-tuning ({@code --use-global-stats})
 * @param validationSplit fraction of the training images, taken from the end, held out for validation,
 *     in [0, 1) ({@code --validation-split})
 * @param threads kernel threads, >= 1 ({@code --threads})
 * @param seed initial weights and shuffling ({@code --seed})
 * @param data MNIST directory; empty for the loader's default ({@code --data})
 * @param report JSON training report to write ({@code --report})
 * @param plot PNG of the training curves to write ({@code --plot})
 * @param save checkpoint of the trained model to write ({@code --save})
 * @param progress how each epoch's progress is shown ({@code --progress})
 */
public record TrainOptions(
    ModelOptions model,
    int epochs,
    int batchSize,
    double lr,
    Optimizer optimizer,
    double rho,
    double eps,
    boolean useGlobalStats,
    double validationSplit,
    int threads,
    long seed,
    Optional<Path> data,
    Optional<Path> report,
    Optional<Path> plot,
    Optional<Path> save,
    ProgressMode progress) {

  public TrainOptions {
    OptionChecks.present("model options", model);
    OptionChecks.atLeast("--epochs", epochs, 1);
    OptionChecks.atLeast("--batch-size", batchSize, 1);
    OptionChecks.positive("--lr", lr);
    OptionChecks.present("--optimizer", optimizer);
    OptionChecks.inRange("--rho", rho, 0, 1, true);
    OptionChecks.positive("--eps", eps);
    OptionChecks.inRange("--validation-split", validationSplit, 0, 1, true);
    OptionChecks.atLeast("--threads", threads, 1);
    OptionChecks.present("--data", data);
    OptionChecks.present("--report", report);
    OptionChecks.present("--plot", plot);
    OptionChecks.present("--save", save);
    OptionChecks.present("--progress", progress);
    if (useGlobalStats && !model.batchNorm()) {
      throw new IllegalArgumentException("--use-global-stats: expected batch norm, actual --no-bn");
    }
  }

  /**
   * How this run is described in its report: the kernels' implementation and vector width as chosen
   * in this JVM, and every option that shaped the run.
   */
  public RunInfo runInfo() {
    Map<String, String> options = new LinkedHashMap<>(model.toMetadata());
    options.put("rho", Double.toString(rho));
    options.put("eps", Double.toString(eps));
    options.put("use-global-stats", Boolean.toString(useGlobalStats));
    options.put("validation-split", Double.toString(validationSplit));
    return new RunInfo(seed, threads, lower(model.layout()), Kernels.vectorBits(),
        lower(Kernels.implementation()), batchSize, epochs, lower(optimizer), lr, options);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The chapter's run with {@code model}: every other option at its default, nothing written. */
  public static TrainOptions defaults(ModelOptions model) {
    return new TrainOptions(model, 5, 64, 0.001, Optimizer.RMSPROP, 0.9, 1e-7, false, 0.2,
        Runtime.getRuntime().availableProcessors(), 42, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), ProgressMode.AUTO);
  }
}
