package dev.lanes.kernels.dense;

import java.util.Arrays;

/**
 * The dense loops in plain Java, the fallback when the Vector API is not available: row by row, each
 * C row the accumulator of {@code C[i, :] += A[i, k] * B[k, :]}, an inner loop C2 vectorizes.
 */
final class ScalarGemmLoops implements GemmLoops {

  @Override
  public String describe() {
    return "scalar";
  }

  @Override
  public void multiply(Operands o, int i0, int i1, int j0, int j1, int k0, int k1,
      boolean accumulate, boolean withBias) {
    float[] a = o.a;
    float[] b = o.b;
    float[] c = o.c;
    int acs = o.aColStride;
    int ldb = o.ldb;
    int width = j1 - j0;
    for (int i = i0; i < i1; i++) {
      int cr = o.cOff + i * o.ldc + j0;
      if (!accumulate) {
        Arrays.fill(c, cr, cr + width, 0f);
      }
      int ak = o.aOff + i * o.aRowStride + k0 * acs;
      int bk = o.bOff + k0 * ldb + j0;
      for (int k = k0; k < k1; k++, ak += acs, bk += ldb) {
        float av = a[ak];
        for (int j = 0; j < width; j++) {
          c[cr + j] += av * b[bk + j];
        }
      }
      if (withBias) {
        float[] bias = o.bias;
        int bb = o.biasOff + j0;
        for (int j = 0; j < width; j++) {
          c[cr + j] += bias[bb + j];
        }
      }
    }
  }

  @Override
  public void columnSums(float[] src, int off, int rows, int cols, float[] dst, int dstOff) {
    Arrays.fill(dst, dstOff, dstOff + cols, 0f);
    for (int r = 0; r < rows; r++) {
      int row = off + r * cols;
      for (int j = 0; j < cols; j++) {
        dst[dstOff + j] += src[row + j];
      }
    }
  }
}
