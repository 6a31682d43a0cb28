package dev.lanes.kernels;

import dev.lanes.kernels.activation.ActivationKernels;
import dev.lanes.kernels.batchnorm.BatchNorms;
import dev.lanes.kernels.conv.Convolutions;
import dev.lanes.kernels.dense.DenseKernels;
import dev.lanes.kernels.internal.Workspace;
import dev.lanes.kernels.loss.LossKernels;
import dev.lanes.kernels.optim.OptimizerKernels;
import dev.lanes.kernels.pool.MaxPoolKernels;
import dev.lanes.kernels.provider.KernelProvider;
import java.util.function.Function;

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
 * Likewise {@link #dense}, {@link #maxPool}, {@link #activations}, {@link #losses} and
 * {@link #optimizers}: each call makes a new instance bound to the context. The instances of one context
 * share its worker threads and scratch (batch norm keeps its statistics there), so they serve one call
 * at a time, from one thread: give each application thread its own context and instances. Make one
 * instance per layer and reuse it (the max-pool keeps its argmax between forward and backward), so
 * that steady-state calls allocate nothing.
 *
 * <p>The implementation is chosen once per JVM (see {@link KernelProvider}): Panama when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}, else Scalar with one warning. System properties
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
   * when it cannot run in this JVM, and either does when {@code lanes.impl} or {@code lanes.vectorBits}
   * holds a value they do not take. The same holds for every factory below.
   */
  public static BatchNorm batchNorm(KernelContext ctx, Implementation impl) {
    return make(ctx, impl, BatchNorms::scalar, BatchNorms::panama);
  }

  /**
   * Convolution of the chosen implementation, using ctx's threads. Keep the instance: it owns scratch
   * that makes later calls allocation-free.
   */
  public static Convolution convolution(KernelContext ctx) {
    return convolution(ctx, implementation());
  }

  /** Convolution of the given implementation. */
  public static Convolution convolution(KernelContext ctx, Implementation impl) {
    return make(ctx, impl, Convolutions::scalar, Convolutions::panama);
  }

  /** Dense layer of the chosen implementation, using ctx's threads and scratch. */
  public static Dense dense(KernelContext ctx) {
    return dense(ctx, implementation());
  }

  /** Dense layer of the given implementation. */
  public static Dense dense(KernelContext ctx, Implementation impl) {
    return make(ctx, impl, DenseKernels::scalar, DenseKernels::panama);
  }

  /** Max pooling of the chosen implementation, using ctx's threads. */
  public static MaxPool maxPool(KernelContext ctx) {
    return maxPool(ctx, implementation());
  }

  /** Max pooling of the given implementation. */
  public static MaxPool maxPool(KernelContext ctx, Implementation impl) {
    return make(ctx, impl, MaxPoolKernels::scalar, MaxPoolKernels::panama);
  }

  /** Sigmoid and ReLU of the chosen implementation, using ctx's threads. */
  public static Activations activations(KernelContext ctx) {
    return activations(ctx, implementation());
  }

  /** Sigmoid and ReLU of the given implementation. */
  public static Activations activations(KernelContext ctx, Implementation impl) {
    return make(ctx, impl, ActivationKernels::scalar, ActivationKernels::panama);
  }

  /** Classifier losses of the chosen implementation. */
  public static Losses losses(KernelContext ctx) {
    return losses(ctx, implementation());
  }

  /** Classifier losses of the given implementation. */
  public static Losses losses(KernelContext ctx, Implementation impl) {
    return make(ctx, impl, LossKernels::scalar, LossKernels::panama);
  }

  /** RMSprop and SGD steps of the chosen implementation, using ctx's threads. */
  public static Optimizers optimizers(KernelContext ctx) {
    return optimizers(ctx, implementation());
  }

  /** RMSprop and SGD steps of the given implementation. */
  public static Optimizers optimizers(KernelContext ctx, Implementation impl) {
    return make(ctx, impl, OptimizerKernels::scalar, OptimizerKernels::panama);
  }

  private static <T> T make(KernelContext ctx, Implementation impl, Function<Workspace, T> scalar,
      Function<Workspace, T> panama) {
    if (ctx == null) {
      throw new IllegalArgumentException("ctx: expected a KernelContext, actual null");
    }
    if (impl == null) {
      throw new IllegalArgumentException("impl: expected PANAMA or SCALAR, actual null");
    }
    KernelProvider.choice();
    return switch (impl) {
      case PANAMA -> {
        KernelProvider.panamaBits();
        yield panama.apply(ctx.workspace());
      }
      case SCALAR -> scalar.apply(ctx.workspace());
    };
  }
}
