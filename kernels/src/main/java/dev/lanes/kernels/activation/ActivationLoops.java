package dev.lanes.kernels.activation;

/**
 * The element-wise loops of {@link BlockedActivations}, in plain Java ({@code ScalarActivationLoops})
 * and on the Vector API ({@code PanamaActivationLoops}), over {@code len} elements from each offset.
 * Each element is read before the same index of an output is written, so in-place calls work.
 */
interface ActivationLoops {

  String describe();

  void sigmoidForward(float[] x, int xOff, float[] y, int yOff, int len);

  void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int len);

  void reluForward(float[] x, int xOff, float[] y, int yOff, int len);

  void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int len);
}
