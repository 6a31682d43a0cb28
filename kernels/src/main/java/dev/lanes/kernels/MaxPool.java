package dev.lanes.kernels;

/**
 * 2-D max pooling of a {@link PoolShape} in either layout; x and dx have the input's shape, y and dy the
 * output's, all from their offsets. The argmax of a window is its FIRST maximum in (row, column) order;
 * a NaN counts as larger than every number, so a window holding one yields its first NaN.
 *
 * <p>Every method validates all its arguments before it writes anything ({@link IllegalArgumentException}
 * naming the argument, the expected and the actual value). Outputs may not overlap inputs. Results are
 * bitwise identical for every parallelism. An instance is used by one thread at a time.
 */
public interface MaxPool {

  /**
   * y = the window maxima; reads x, writes y and, unless {@code argmax} is null (inference), writes to
   * {@code argmax[argOff + i]} the offset relative to {@code xOff} of output i's maximum.
   */
  void forward(PoolShape s, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff);

  /**
   * dx = 0, then {@code dx[argmax[i]] += dy[i]} for every output i in order (overlapping windows add up).
   * Reads dy and argmax, overwrites dx. Every argmax must lie in its output's image (it is not checked to
   * lie in its window).
   */
  void backward(PoolShape s, float[] dy, int dyOff, int[] argmax, int argOff, float[] dx, int dxOff);
}
