package dev.lanes.kernels.pool;

/** The max-pool loops in plain Java: each output's window scanned in (row, column) order. */
final class ScalarMaxPoolLoops implements MaxPoolLoops {

  @Override
  public String describe() {
    return "scalar";
  }

  @Override
  public void prepare(PoolGeometry g) {}

  @Override
  public void forward(PoolGeometry g, float[] x, int xOff, float[] y, int yOff, int[] argmax,
      int argOff, int p0, int p1) {
    int size = g.size;
    int rowStep = g.rowStep;
    int colStep = g.colStep;
    for (int p = p0; p < p1; p++) {
      int inBase = p * g.planeIn;
      int j = p * g.planeOut;
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          int pixel = inBase + (oy * rowStep + ox * colStep) * g.stride;
          for (int c = 0; c < g.inner; c++, j++) {
            int origin = pixel + c;
            int best = origin;
            float max = x[xOff + origin];
            for (int ky = 0; ky < size; ky++) {
              int row = origin + ky * rowStep;
              for (int kx = 0; kx < size; kx++) {
                int at = row + kx * colStep;
                float v = x[xOff + at];
                if (!(v <= max) && max == max) {
                  max = v;
                  best = at;
                }
              }
            }
            y[yOff + j] = max;
            if (argmax != null) {
              argmax[argOff + j] = best;
            }
          }
        }
      }
    }
  }
}
