package dev.lanes.kernels;

import dev.lanes.kernels.batchnorm.BatchNorms;
import dev.lanes.kernels.conv.Convolutions;
import dev.lanes.kernels.provider.KernelProvider;

/**
 * Entry point of the library: which implementation runs here, and kernel instances bound to a
 * {@link KernelContext}.
 *
 * <pre>{@code
 * try (KernelContext ctx = new KernelContext(2)) {
 *   BatchNorm bn = Kernels.batchNorm(ctx);
 *   bn.forwardTraining(shape, x, 0, gamma, beta, runMean, runVar, BatchNormParams.keras(), y, 0,
 *       savedMean, savedInvStd);
 * }
 * }</pre>
 *
 * The implementation is chosen once per JVM (see {@link KernelProvider}): Panama when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else Scalar with one warning. System properties
 * {@code lanes.impl=panama|scalar} and {@code lanes.vectorBits=128|256|512} force the choice.
 */
public final class Kernels {
  private Kernels() {}

  /** The implementation chosen for this JVM. */
  public static Implementation implementation() {
    return KernelProvider.choice().implementation();
  }

  /** Vector width in bits of the chosen implementation (32 for scalar: one float). */
  public static int vectorBits() {
    return KernelProvider.choice().vectorBits();
  }

  /** True when the Panama implementation can run in this JVM. */
  public static boolean panamaAvailable() {
    return KernelProvider.panamaAvailable();
  }

  /** Batch norm of the chosen implementation, using ctx's threads and scratch. */
  public static BatchNorm batchNorm(KernelContext ctx) {
    return batchNorm(ctx, implementation());
  }

  /**
   * Batch norm of the given implementation; PANAMA throws {@link IllegalStateException} (naming the fix)
   * when it cannot run in this JVM.
   */
  public static BatchNorm batchNorm(KernelContext ctx, Implementation impl) {
    return switch (checked(ctx, impl)) {
      case PANAMA -> BatchNorms.panama(ctx.workspace());
      case SCALAR -> BatchNorms.scalar(ctx.workspace());
    };
  }

  /**
   * Convolution of the chosen implementation, using ctx's threads. Keep the instance: it owns scratch
   * that makes later calls allocation-free.
   */
  public static Convolution convolution(KernelContext ctx) {
    return convolution(ctx, implementation());
  }

  /** Convolution of the given implementation (see {@link #batchNorm(KernelContext, Implementation)}). */
  public static Convolution convolution(KernelContext ctx, Implementation impl) {
    return switch (checked(ctx, impl)) {
      case PANAMA -> Convolutions.panama(ctx.workspace());
      case SCALAR -> Convolutions.scalar(ctx.workspace());
    };
  }

  /** Validates the arguments and, for PANAMA, that it can run here (naming the fix if not). */
  private static Implementation checked(KernelContext ctx, Implementation impl) {
    if (ctx == null) {
      throw new IllegalArgumentException("ctx: expected a KernelContext, actual null");
    }
    if (impl == null) {
      throw new IllegalArgumentException("impl: expected PANAMA or SCALAR, actual null");
    }
    KernelProvider.choice();
    if (impl == Implementation.PANAMA) {
      KernelProvider.panamaBits();
    }
    return impl;
  }
}
