package dev.lanes.lenet.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a training run was made, so a report can be compared with another and repeated.
 *
 * @param layout activation layout, e.g. {@code nchw}
 * @param vectorBits vector width of the kernels (32 for the scalar fallback)
 * @param implementation kernels' implementation, e.g. {@code panama}
 * @param optimizer e.g. {@code rmsprop}
 * @param options everything else that shaped the run (model options, optimizer constants, labels),
 *     in insertion order
 */
public record RunInfo(
    long seed,
    int threads,
    String layout,
    int vectorBits,
    String implementation,
    int batchSize,
    int epochs,
    String optimizer,
    double lr,
    Map<String, String> options) {

  public RunInfo {
    if (layout == null || implementation == null || optimizer == null || options == null) {
      throw new IllegalArgumentException("layout, implementation, optimizer and options: expected non-null");
    }
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}
