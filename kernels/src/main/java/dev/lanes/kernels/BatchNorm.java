package dev.lanes.kernels;

/**
 * Batch normalization on {@code float[]} tensors (with offsets) in any {@link Layout}; a 2-D (N, C) input
 * is a {@link TensorShape#of2d} shape. Statistics run per channel over its M = N * H * W values. With
 * gamma = 1 and beta = 0 where they are null:
 * {@code xhat = (x - mean) / sqrt(var + eps)}, {@code y = act(gamma * xhat + beta)}.
 *
 * <p>Batch statistics are returned in double: a float cannot hold a mean of 1e6 to a small fraction of a
 * 1e-2 standard deviation, and the backward pass needs exactly that. Every method validates all its
 * arguments before it writes anything and throws {@link IllegalArgumentException} naming the argument,
 * the expected and the actual value. Outputs must not alias inputs or one another (checked where two
 * arrays could be the same: those of one type). Results are bitwise identical for
 * every parallelism of the {@link KernelContext} the instance was made with. An instance is used by one
 * thread at a time.
 */
public interface BatchNorm {

  /** Per-channel mean and biased variance of x. Writes mean and var (length C). */
  void moments(TensorShape s, float[] x, int xOff, double[] mean, double[] var);

  /**
   * Normalizes x with the given statistics (length C, var >= 0): inference, and the forward pass of
   * global-statistics (frozen) mode. Reads x, mean, var, gamma, beta; writes y.
   */
  void inference(TensorShape s, float[] x, int xOff, float[] mean, float[] var,
      float[] gamma, float[] beta, BatchNormParams p, float[] y, int yOff);

  /**
   * Forward training: normalizes with the batch mean and biased variance, updates runningMean and
   * runningVar per {@code p.convention()} (both or neither may be null), and writes the batch mean and
   * inverse standard deviation to savedMean and savedInvStd (length C; both or neither may be null) for
   * {@link #backward}.
   * M = 1 gives var = 0 and y = act(beta).
   */
  void forwardTraining(TensorShape s, float[] x, int xOff, float[] gamma, float[] beta,
      float[] runningMean, float[] runningVar, BatchNormParams p, float[] y, int yOff,
      double[] savedMean, double[] savedInvStd);

  /**
   * Backward of {@link #forwardTraining} with its saved statistics: with dz = dy * act'(z) (for the
   * ReLU a select, dy where z > 0 and 0 elsewhere, even for an infinite or NaN dy),
   * {@code dbeta = sum(dz)}, {@code dgamma = sum(dz * xhat)},
   * {@code dx = gamma * invstd / M * (M * dz - dbeta - xhat * dgamma)}. Reads x, dy, gamma, beta, the
   * saved statistics; writes dx, and dgamma and dbeta where not null. p must be the forward's
   * parameters: its activation decides act'.
   */
  void backward(TensorShape s, float[] x, int xOff, float[] dy, int dyOff,
      float[] gamma, float[] beta, double[] savedMean, double[] savedInvStd, BatchNormParams p,
      float[] dx, int dxOff, float[] dgamma, float[] dbeta);

  /**
   * Backward of global-statistics (frozen) mode, whose forward is {@link #inference}: the statistics are
   * constants, so {@code dx = dz * gamma * invstd}; dgamma and dbeta as in {@link #backward}.
   */
  void globalStatsBackward(TensorShape s, float[] x, int xOff, float[] dy, int dyOff,
      float[] mean, float[] var, float[] gamma, float[] beta, BatchNormParams p,
      float[] dx, int dxOff, float[] dgamma, float[] dbeta);
}
