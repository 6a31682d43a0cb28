package dev.lanes.kernels.dense;

/**
 * The inner loops of the dense layer, implemented once in plain Java ({@code ScalarGemmLoops}) and once
 * on the Vector API ({@code PanamaGemmLoops}); {@link BlockedDense} does the blocking, the threading
 * and the argument checks. The convolution's GEMM paths ({@code dev.lanes.kernels.conv}) multiply with
 * them too.
 */
public interface GemmLoops {

  /** The implementation and its vector width, for logs and reports. */
  String describe();

  /**
   * One cache block of the product of {@link Operands} o: for rows [i0, i1) and columns [j0, j1),
   * {@code C[i, j] = (accumulate ? C[i, j] : 0) + sum over k in [k0, k1) of A[i, k] * B[k, j]}, the sum
   * taken in increasing k, then {@code + bias[j]} when {@code withBias}. Each element's sequence of
   * operations depends on nothing but its own operands, so a product cut into blocks (at any k0) gives
   * the same bits as one taken whole.
   */
  void multiply(Operands o, int i0, int i1, int j0, int j1, int k0, int k1, boolean accumulate,
      boolean withBias);

  /** Prepares {@link #transpose} for a W of {@code out} columns; called before any task runs. */
  void prepareTranspose(int out);

  /** Rows [o0, o1) of W^T: {@code wt[o * in + k] = w[wOff + k * out + o]}, W (in, out) from wOff. */
  void transpose(float[] w, int wOff, int in, int out, float[] wt, int o0, int o1);

  /** {@code dst[dstOff + j] = sum over r of src[off + r * cols + j]}, rows added in order. */
  void columnSums(float[] src, int off, int rows, int cols, float[] dst, int dstOff);
}
