package dev.lanes.lenet.model;

import dev.lanes.kernels.BatchNormParams;
import dev.lanes.kernels.Convention;
import dev.lanes.kernels.Layout;

/**
 * The architecture switches of the chapter's LeNet and its exercises.
 *
 * @param layout memory order of every 4-D activation
 * @param batchNorm BN after every conv and hidden dense layer (false: the plain LeNet)
 * @param biasBeforeBn whether a conv or dense layer that feeds a BN keeps its bias (BN's beta makes it
 *     redundant)
 * @param bnAfterActivation BN after the sigmoid instead of before it
 * @param freezeGammaBeta gamma and beta stay at 1 and 0 (counted as non-trainable)
 * @param useGlobalStats BN normalizes with its moving statistics while training too
 * @param sigmoidHead ten sigmoid outputs with Keras' normalized cross-entropy instead of a softmax
 * @param bn momentum, eps and convention of every BN layer
 */
public record ModelConfig(Layout layout, boolean batchNorm, boolean biasBeforeBn,
    boolean bnAfterActivation, boolean freezeGammaBeta, boolean useGlobalStats, boolean sigmoidHead,
    BatchNormParams bn) {

  public ModelConfig {
    if (layout == null || bn == null) {
      throw new IllegalArgumentException("layout and bn: expected values, actual null");
    }
  }

  /** Whether a conv or dense layer before a BN has a bias. */
  boolean biasBefore() {
    return !batchNorm || bnAfterActivation || biasBeforeBn;
  }
}
