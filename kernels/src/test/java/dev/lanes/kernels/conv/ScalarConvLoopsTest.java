package dev.lanes.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scalar row tiles, which the driver's lane-fill rule never picks at one float per "vector", against
 * the scalar channel tiles on the same padded input: the same convolution, tiled the other way.
 */
class ScalarConvLoopsTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void rowTilesComputeWhatChannelTilesCompute(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int cin = 1 + r.nextInt(3);
    int kh = 1 + r.nextInt(3);
    int kw = 1 + r.nextInt(3);
    int outH = 1 + r.nextInt(9);
    int outW = 1 + r.nextInt(9);
    int co = 1 + r.nextInt(ConvLoops.TILE);
    int rowPitch = outW + kw - 1;
    int plane = (outH + kh - 1) * rowPitch;
    float[] in = random(r, cin * plane + 1);
    float[] oihw = random(r, co * cin * kh * kw);
    float[] tiled = new float[ConvLoops.TILE * cin * kh * kw];
    for (int o = 0; o < co; o++) {
      for (int t = 0; t < cin * kh * kw; t++) {
        tiled[t * ConvLoops.TILE + o] = oihw[o * cin * kh * kw + t];
      }
    }
    float[] bias = random(r, ConvLoops.TILE);
    ScalarConvLoops loops = new ScalarConvLoops();
    int[] taps = new int[cin * kh * kw];
    for (int ci = 0, t = 0; ci < cin; ci++) {
      for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++, t++) {
          taps[t] = ci * plane + ky * rowPitch + kx;
        }
      }
    }
    float[] byChannels = new float[co * outH * outW];
    for (int y = 0; y < outH; y++) {
      loops.planarForward(in, y * rowPitch, taps, taps.length, tiled, 0, bias, 0, byChannels,
          y * outW, outH * outW, co, outW);
    }
    float[] byRows = new float[co * outH * outW];
    for (int o = 0; o < co; o++) {
      for (int y = 0; y < outH; y += ConvLoops.TILE) {
        loops.planarRows(in, y * rowPitch, plane, rowPitch, cin, kh, kw, oihw, o * cin * kh * kw,
            bias[o], byRows, o * outH * outW + y * outW, outW, Math.min(ConvLoops.TILE, outH - y),
            outW);
      }
    }
    for (int i = 0; i < byRows.length; i++) {
      assertEquals(byChannels[i], byRows[i], 1e-5f * (1 + Math.abs(byChannels[i])),
          "seed " + seed + ", cin " + cin + ", k " + kh + "x" + kw + ", out " + outH + "x" + outW
              + ", value " + i);
    }
  }

  private static float[] random(SplittableRandom r, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) r.nextDouble(-1, 1);
    }
    return f;
  }
}
