package dev.lanes.jmh.impl;

import dev.lanes.kernels.Implementation;
import java.util.List;

/**
 * Makes the implementation a benchmark's {@code impl} parameter names. Adding one (the kernels' "scalar"
 * and "panama") means a class implementing {@link BatchNormImpl} or {@link ConvImpl} and a case here;
 * the benchmark classes do not change.
 */
public final class Impls {
  private Impls() {}

  /** The values the {@code impl} parameter accepts. */
  public static final List<String> NAMES = List.of("reference", "scalar", "panama");

  /** The batch-norm implementation {@code impl} on {@code threads} threads, bound to p. */
  public static BatchNormImpl batchNorm(String impl, BatchNormProblem p, int threads) {
    return switch (impl) {
      case "reference" -> {
        requireSingleThread(impl, threads);
        yield new ReferenceBatchNorm(p);
      }
      case "scalar" -> new KernelBatchNorm(Implementation.SCALAR, p, threads);
      case "panama" -> new KernelBatchNorm(Implementation.PANAMA, p, threads);
      default -> throw unknown(impl);
    };
  }

  /** The convolution implementation {@code impl} on {@code threads} threads, bound to p. */
  public static ConvImpl conv(String impl, ConvProblem p, int threads) {
    return switch (impl) {
      case "reference" -> {
        requireSingleThread(impl, threads);
        yield new ReferenceConv(p);
      }
      case "scalar" -> new KernelConv(Implementation.SCALAR, p, threads);
      case "panama" -> new KernelConv(Implementation.PANAMA, p, threads);
      default -> throw unknown(impl);
    };
  }

  private static void requireSingleThread(String impl, int threads) {
    if (threads != 1) {
      throw new IllegalArgumentException(
          "threads: expected 1 (" + impl + " is single-threaded), actual " + threads);
    }
  }

  private static IllegalArgumentException unknown(String impl) {
    return new IllegalArgumentException("impl: expected one of " + NAMES + ", actual " + impl);
  }
}
