package dev.lanes.kernels.pool;

/**
 * The forward loops of max pooling, in plain Java ({@code ScalarMaxPoolLoops}) and on the Vector API
 * ({@code PanamaMaxPoolLoops}). Both keep a window's FIRST maximum, a NaN counting as larger than every
 * number: a value is taken over the best so far exactly when {@code !(v <= best) && best == best}.
 */
interface MaxPoolLoops {

  String describe();

  /** Prepares for calls on geometry g; called once per pass, before any {@link #forward}. */
  void prepare(PoolGeometry g);

  /**
   * Maxima (and, unless argmax is null, their offsets relative to xOff) of the outputs of planes
   * [p0, p1).
   */
  void forward(PoolGeometry g, float[] x, int xOff, float[] y, int yOff, int[] argmax, int argOff,
      int p0, int p1);
}
