package dev.lanes.lenet.cli;

import dev.lanes.lenet.report.ProgressMode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code lenet experiments}: the chapter's exercises, each trained once per seed, written as a
 * markdown report with curves.
 *
 * @param epochs per run, >= 1 ({@code --epochs})
 * @param seeds one run per seed and variant, at least one, distinct ({@code --seeds})
 * @param out markdown file to write; plots go next to it ({@code --out})
 * @param data MNIST directory; empty for the loader's default ({@code --data})
 * @param threads kernel threads, >= 1 ({@code --threads})
 * @param progress how each epoch's progress is shown ({@code --progress})
 */
public record ExperimentOptions(
    int epochs, List<Long> seeds, Path out, Optional<Path> data, int threads, ProgressMode progress) {

  public ExperimentOptions {
    OptionChecks.atLeast("--epochs", epochs, 1);
    OptionChecks.present("--seeds", seeds);
    if (seeds.isEmpty() || new HashSet<>(seeds).size() != seeds.size()) {
      throw new IllegalArgumentException("--seeds: expected at least one seed, all distinct, actual "
          + seeds);
    }
    seeds = List.copyOf(seeds);
    OptionChecks.present("--out", out);
    OptionChecks.present("--data", data);
    OptionChecks.atLeast("--threads", threads, 1);
    OptionChecks.present("--progress", progress);
  }
}
