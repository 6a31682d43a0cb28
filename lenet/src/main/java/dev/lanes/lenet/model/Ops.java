package dev.lanes.lenet.model;

import dev.lanes.kernels.Activations;
import dev.lanes.kernels.BatchNorm;
import dev.lanes.kernels.Convolution;
import dev.lanes.kernels.Dense;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Losses;
import dev.lanes.kernels.MaxPool;
import dev.lanes.kernels.Optimizers;

/** The kernels a model runs on, made once on one context (their scratch is reused by every step). */
public final class Ops implements AutoCloseable {
  final KernelContext ctx;
  final Convolution conv;
  final BatchNorm bn;
  final Dense dense;
  final MaxPool pool;
  final Activations act;
  final Losses losses;
  final Optimizers optimizers;

  public Ops(int threads) {
    ctx = new KernelContext(threads);
    conv = Kernels.convolution(ctx);
    bn = Kernels.batchNorm(ctx);
    dense = Kernels.dense(ctx);
    pool = Kernels.maxPool(ctx);
    act = Kernels.activations(ctx);
    losses = Kernels.losses(ctx);
    optimizers = Kernels.optimizers(ctx);
  }


  public Losses losses() {
    return losses;
  }

  public Optimizers optimizers() {
    return optimizers;
  }

  @Override
  public void close() {
    ctx.close();
  }
}
