package dev.lanes.kernels.dense;

import java.util.Arrays;

/**
 * The dense loops in plain Java, the fallback when the Vector API is not available: row by row, each
 * C row the accumulator of {@code C[i, :] += A[i, k] * B[k, :]}, an inner loop C2 vectorizes.
 */
final class ScalarGemmLoops implements GemmLoops {
  /** Side of the square blocks of the transposition. */
  private static final int TRANSPOSE_BLOCK = 16;

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
  public void prepareTranspose(int out) {}

  /** In square blocks, so that both the rows read and the rows written stay in cache. */
  @Override
  public void transpose(float[] w, int wOff, int in, int out, float[] wt, int o0, int o1) {
    for (int k0 = 0; k0 < in; k0 += TRANSPOSE_BLOCK) {
      int k1 = Math.min(in, k0 + TRANSPOSE_BLOCK);
      for (int ob = o0; ob < o1; ob += TRANSPOSE_BLOCK) {
        int oe = Math.min(o1, ob + TRANSPOSE_BLOCK);
        for (int k = k0; k < k1; k++) {
          int src = wOff + k * out;
          for (int o = ob; o < oe; o++) {
            wt[o * in + k] = w[src + o];
          }
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
