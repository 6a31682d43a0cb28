package dev.lanes.lenet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.Layout;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sigmoid deferred to the max-pool after it computes what the two layers compute in Keras' order:
 * the same outputs and the same input gradient, bit for bit (the data has no ties in a window).
 */
class DeferredSigmoidTest {
  private static final int N = 3;
  private static final int C = 2;
  private static final int H = 6;
  private static final int W = 8;

  @ParameterizedTest
  @EnumSource(Layout.class)
  void poolingBeforeTheSigmoidChangesNothing(Layout layout) {
    SplittableRandom r = new SplittableRandom(7);
    int size = N * C * H * W;
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (r.nextGaussian() * 3);
    }
    float[] dOut = new float[size / 4];
    for (int i = 0; i < dOut.length; i++) {
      dOut[i] = (float) r.nextGaussian();
    }
    try (Ops ops = new Ops(1)) {
      int[] shape = {C, H, W};
      SigmoidLayer sigmoid = new SigmoidLayer("activation", ops, N, shape);
      MaxPoolLayer pool = new MaxPoolLayer("max_pooling2d", ops, layout, N, C, H, W, false);
      SigmoidLayer deferred = new SigmoidLayer("activation", ops, N, shape);
      deferred.deferToPool();
      MaxPoolLayer poolFirst = new MaxPoolLayer("max_pooling2d", ops, layout, N, C, H, W, true);

      float[] activated = sigmoid.forward(N, x, true);
      float[] y = pool.forward(N, activated, true).clone();
      float[] passed = deferred.forward(N, x, true);
      float[] y2 = poolFirst.forward(N, passed, true).clone();
      assertArrayEquals(y, y2, "outputs");

      float[] dx = sigmoid.backward(N, x, pool.backward(N, activated, dOut, true), true).clone();
      float[] dx2 = deferred.backward(N, x, poolFirst.backward(N, passed, dOut, true), true);
      assertArrayEquals(dx, Arrays.copyOf(dx2, size), "input gradients");
    }
  }
}
