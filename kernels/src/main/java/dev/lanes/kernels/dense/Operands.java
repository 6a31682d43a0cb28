package dev.lanes.kernels.dense;

/**
 * The matrices of one product {@code C = A . B (+ bias)}, as the driver hands them to {@link GemmLoops}:
 * <pre>
 *   A[i, k] = a[aOff + i * aRowStride + k * aColStride]   (any strides: x, dy, or x read transposed)
 *   B[k, j] = b[bOff + k * ldb + j]                        (rows contiguous along j)
 *   C[i, j] = c[cOff + i * ldc + j]
 *   bias[j] = bias[biasOff + j]                            (or no bias)
 * </pre>
 * Set by the driver for the duration of one call and cleared afterwards, so that no caller array stays
 * reachable from a kernel instance.
 */
public final class Operands {
  float[] a;
  int aOff;
  int aRowStride;
  int aColStride;
  float[] b;
  int bOff;
  int ldb;
  float[] c;
  int cOff;
  int ldc;
  float[] bias;
  int biasOff;

  public void set(float[] a, int aOff, int aRowStride, int aColStride, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, float[] bias, int biasOff) {
    this.a = a;
    this.aOff = aOff;
    this.aRowStride = aRowStride;
    this.aColStride = aColStride;
    this.b = b;
    this.bOff = bOff;
    this.ldb = ldb;
    this.c = c;
    this.cOff = cOff;
    this.ldc = ldc;
    this.bias = bias;
    this.biasOff = biasOff;
  }

  public void clear() {
    a = null;
    b = null;
    c = null;
    bias = null;
  }
}
