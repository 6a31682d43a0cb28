package dev.lanes.kernels;

/**
 * A dense (fully connected) layer on row-major {@code float[]} matrices with offsets:
 * x is (n, in), W is (in, out) as a Keras kernel, b has out elements, y and dy are (n, out).
 *
 * <p>Every method validates all its arguments before it writes anything and throws
 * {@link IllegalArgumentException} naming the argument, the expected and the actual value. An output
 * span may not overlap an input span (the same array at disjoint spans is allowed). Results are bitwise
 * identical for every parallelism of the {@link KernelContext} the instance was made with. An instance
 * is used by one thread at a time.
 */
public interface Dense {

  /** {@code y = x . W + b}: reads x, w and b (null: no bias); overwrites y. */
  void forward(int n, int in, int out, float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
      float[] y, int yOff);

  /** {@code dx = dy . W^T}, dx (n, in): reads dy and w; overwrites dx. */
  void backwardData(int n, int in, int out, float[] dy, int dyOff, float[] w, int wOff, float[] dx,
      int dxOff);

  /**
   * {@code dw = x^T . dy} (in, out) and {@code db} = the column sums of dy: reads x and dy; overwrites dw
   * and db (null: not computed).
   */
  void backwardWeights(int n, int in, int out, float[] x, int xOff, float[] dy, int dyOff, float[] dw,
      int dwOff, float[] db, int dbOff);
}
