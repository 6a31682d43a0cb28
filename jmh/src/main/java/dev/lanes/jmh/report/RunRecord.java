package dev.lanes.jmh.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result of JMH's JSON output: which benchmark with which parameters, how it was run, and
 * the raw per-iteration scores of all forks.
 *
 * @param className simple name of the benchmark class, e.g. "BatchNormBench"
 * @param method the benchmark method, e.g. "forwardTraining"
 * @param params the {@code @Param} values
 * @param raw primary-metric scores of every measurement iteration of every fork, in {@code scoreUnit}
 * @param secondaryRaw the same for each secondary metric (e.g. the FMA probe's "vectorBits")
 */
public record RunRecord(
    String className,
    String method,
    Map<String, String> params,
    String mode,
    String scoreUnit,
    List<Double> raw,
    Map<String, List<Double>> secondaryRaw,
    int forks,
    int warmupIterations,
    String warmupTime,
    int measurementIterations,
    String measurementTime,
    String jvm,
    List<String> jvmArgs,
    String jdkVersion,
    String vmName,
    String vmVersion) {

  /** The parameter's value, or null when the benchmark has no such parameter. */
  public String param(String name) {
    return params.get(name);
  }

  /** The benchmark's {@code threads} parameter; 1 when it has none. */
  public int threads() {
    String t = params.get("threads");
    return t == null ? 1 : Integer.parseInt(t);
  }

  /**
   * Median time per call in seconds over all raw iterations of all forks (for a single iteration, JMH's
   * score). Throughput results (ops per time) are inverted first.
   */
  public double medianSeconds() {
    if (raw.isEmpty()) {
      throw new IllegalStateException(className + "." + method + " " + params + ": no raw data");
    }
    String[] parts = scoreUnit.split("/");
    if (parts.length != 2) {
      throw new IllegalStateException("score unit: expected like us/op or ops/s, actual " + scoreUnit);
    }
    List<Double> seconds = new ArrayList<>();
    for (double v : raw) {
      seconds.add(parts[1].equals("op") ? v * secondsPer(parts[0]) : secondsPer(parts[1]) / v);
    }
    return median(seconds);
  }

  /** Median of the secondary metric's raw values, or NaN when there is none. */
  public double secondaryMedian(String name) {
    List<Double> values = secondaryRaw.get(name);
    return values == null || values.isEmpty() ? Double.NaN : median(values);
  }

  /** How the benchmark was run, e.g. "3 forks x (5 x 1 s warm-up + 5 x 1 s)". */
  public String protocol() {
    return forks + (forks == 1 ? " fork" : " forks") + " x (" + warmupIterations + " x " + warmupTime
        + " warm-up + " + measurementIterations + " x " + measurementTime + ")";
  }

  /** This result and a repeat of the same benchmark and parameters as one: raw data and forks pooled. */
  public RunRecord pooledWith(RunRecord other) {
    if (!scoreUnit.equals(other.scoreUnit)) {
      throw new IllegalArgumentException(key() + ": expected one score unit to pool results, actual "
          + scoreUnit + " and " + other.scoreUnit);
    }
    List<Double> pooled = new ArrayList<>(raw);
    pooled.addAll(other.raw);
    Map<String, List<Double>> secondary = new java.util.LinkedHashMap<>(secondaryRaw);
    other.secondaryRaw.forEach((k, v) -> secondary.merge(k, v, (a, b) -> {
      List<Double> both = new ArrayList<>(a);
      both.addAll(b);
      return both;
    }));
    return new RunRecord(className, method, params, mode, scoreUnit, pooled, secondary, forks + other.forks,
        warmupIterations, warmupTime, measurementIterations, measurementTime, jvm, jvmArgs, jdkVersion,
        vmName, vmVersion);
  }

  /** Class, method and parameters: what makes two results the same benchmark. */
  public String key() {
    return className + "." + method + " " + params;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double secondsPer(String unit) {
    return switch (unit) {
      case "ns" -> 1e-9;
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      case "min" -> 60;
      default -> throw new IllegalStateException("time unit: expected ns, us, ms, s or min, actual " + unit);
    };
  }
}
