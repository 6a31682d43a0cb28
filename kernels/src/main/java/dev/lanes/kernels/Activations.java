package dev.lanes.kernels;

/**
 * Element-wise sigmoid and ReLU, forward and backward, on {@code count} (at least 1) consecutive
 * elements of each array from its offset.
 *
 * <p>Aliasing: an output may be the same array as an input at the same offset (in place); an output span
 * that partly overlaps an input span is rejected. Every method validates all its arguments before it
 * writes anything ({@link IllegalArgumentException} naming the argument, the expected and the actual
 * value). Each element's result depends on its inputs alone, never on its position, the count or the
 * parallelism. An instance is used by one thread at a time.
 */
public interface Activations {

  /** {@code y = 1 / (1 + e^-x)}. */
  void sigmoidForward(float[] x, int xOff, float[] y, int yOff, int count);

  /** {@code dx = dy * y * (1 - y)}, from the saved forward OUTPUT y. */
  void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int count);

  /** {@code y = x > 0 ? x : 0} (so NaN and -0.0 give +0.0, as the oracle). */
  void reluForward(float[] x, int xOff, float[] y, int yOff, int count);

  /** {@code dx = x > 0 ? dy : 0}, from the forward INPUT x (the derivative at 0 is 0). */
  void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int count);
}
