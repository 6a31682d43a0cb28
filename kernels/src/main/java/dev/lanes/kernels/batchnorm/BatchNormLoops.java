package dev.lanes.kernels.batchnorm;

import dev.lanes.kernels.Activation;

/**
 * The inner loops of batch norm, implemented once in plain Java ({@code ScalarBatchNormLoops}) and once
 * on the Vector API ({@code PanamaBatchNormLoops}); {@link BlockedBatchNorm} does everything else.
 *
 * <p>Each loop walks {@code rows} runs of {@code len} contiguous elements, run r starting
 * {@code r * stride} after the offsets (a negative stride walks the rows back from the offsets);
 * element i of a run uses pattern slot {@code i mod L}, or in a run pattern (never with a fused
 * sigmoid, whose Panama loops take a pattern slot by slot) slot {@code (i / run) * width + i mod
 * width} (see {@link Pattern}). With {@code d = x - shift} and {@code z = d * scale + bias}:
 * <ul>
 *   <li>{@code sums}: work[j] += sum of d, work[L + j] += sum of d * d, per slot j, in float; with a run
 *       pattern each run's sums are formed on their own before they are added to work;
 *   <li>{@code normalize}: y = act(z);
 *   <li>{@code backwardSums}: with dz = dy * act'(z), work[j] += sum of dz, work[L + j] += sum of dz * d,
 *       run by run as sums with a run pattern, and with an activation, dz itself into the dz array at
 *       the same offsets as dy (dz is null and unused without one);
 *   <li>{@code backward}: dx = a * dz + b * xhat + c with xhat = d * invStd + xhatShift, dz given
 *       (dy itself without an activation, else what backwardSums stored).
 * </ul>
 * The caller keeps each float sum short (see {@link BlockedBatchNorm#FLUSH}) and carries on in double.
 */
interface BatchNormLoops {

  /** The pattern period L for C interleaved channels: a multiple of C and of the vector length. */
  int patternLength(int channels);

  /**
   * Values in a run that the backward and backward-sums loops take as straight-line code (four
   * vectors in the Panama loops), or 0 where no run length is faster than others (the scalar loops):
   * {@link BlockedBatchNorm} cuts short in-cache planes into runs of it.
   */
  int quadRun();

  /** The implementation and its vector width, for logs and reports. */
  String describe();

  void sums(float[] x, int off, int rows, int stride, int len, Pattern p, float[] work);

  void normalize(float[] x, int xOff, float[] y, int yOff, int rows, int stride, int len, Pattern p,
      Activation act);

  void backwardSums(float[] x, int xOff, float[] dy, int dyOff, int rows, int stride, int len,
      Pattern p, Activation act, float[] work, float[] dz, int dzOff);

  void backward(float[] x, int xOff, float[] dz, int dzOff, float[] dx, int dxOff, int rows,
      int stride, int len, Pattern p);
}
