package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments throw IllegalArgumentException naming the argument, before anything is written. */
class BatchNormArgumentTest {
  private static final TensorShape S = new TensorShape(2, 3, 2, 2, Layout.NHWC);
  private static final float SENTINEL = -12345.5f;
  private static final BatchNormParams P = BatchNormParams.keras();
  private static final float[] X = new float[S.size()];
  private static final float[] C3 = {1, 1, 1};
  private static final double[] D3 = {1, 1, 1};

  /** Outputs a case may write; filled with a sentinel before each case. */
  private static final float[] OUT = new float[S.size()];
  private static final float[] VEC_A = new float[3];
  private static final float[] VEC_B = new float[3];
  private static final double[] DVEC_A = new double[3];
  private static final double[] DVEC_B = new double[3];

  private static Arguments bad(String name, Consumer<BatchNorm> call) {
    return Arguments.of(name, call);
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>(List.of(
        bad("x", bn -> bn.forwardTraining(S, null, 0, null, null, null, null, P, OUT, 0, null, null)),
        bad("x", bn -> bn.forwardTraining(S, X, 1, null, null, null, null, P, OUT, 0, null, null)),
        bad("y offset", bn -> bn.forwardTraining(S, X, 0, null, null, null, null, P, OUT, -1, null, null)),
        bad("gamma", bn -> bn.forwardTraining(S, X, 0, new float[2], null, null, null, P, OUT, 0, null, null)),
        bad("beta", bn -> bn.forwardTraining(S, X, 0, C3, new float[4], null, null, P, OUT, 0, null, null)),
        bad("runningMean and runningVar", bn -> bn.forwardTraining(S, X, 0, null, null, VEC_A, null, P, OUT, 0, null, null)),
        bad("savedInvStd", bn -> bn.forwardTraining(S, X, 0, null, null, VEC_A, VEC_B, P, OUT, 0, DVEC_A, new double[1])),
        bad("p", bn -> bn.forwardTraining(S, X, 0, null, null, null, null, null, OUT, 0, null, null)),
        bad("s", bn -> bn.forwardTraining(null, X, 0, null, null, null, null, P, OUT, 0, null, null)),
        bad("x and y", bn -> bn.forwardTraining(S, OUT, 0, null, null, null, null, P, OUT, 0, null, null)),
        bad("var[1]", bn -> bn.inference(S, X, 0, C3, new float[] {1, -1, 1}, null, null, P, OUT, 0)),
        bad("var[2]", bn -> bn.inference(S, X, 0, C3, new float[] {1, 1, Float.NaN}, null, null, P, OUT, 0)),
        bad("mean", bn -> bn.inference(S, X, 0, null, C3, null, null, P, OUT, 0)),
        bad("y", bn -> bn.inference(S, X, 0, C3, C3, null, null, P, new float[S.size() - 1], 0)),
        bad("dy", bn -> bn.backward(S, X, 0, X, 2, null, null, D3, D3, P, OUT, 0, VEC_A, VEC_B)),
        bad("savedMean", bn -> bn.backward(S, X, 0, X, 0, null, null, null, D3, P, OUT, 0, VEC_A, VEC_B)),
        bad("savedInvStd[0]", bn -> bn.backward(S, X, 0, X, 0, null, null, D3, new double[] {0, 1, 1}, P, OUT, 0, VEC_A, VEC_B)),
        bad("dgamma", bn -> bn.backward(S, X, 0, X, 0, null, null, D3, D3, P, OUT, 0, new float[5], VEC_B)),
        bad("dx and dy", bn -> bn.backward(S, X, 0, OUT, 0, null, null, D3, D3, P, OUT, 0, VEC_A, VEC_B)),
        bad("dgamma and dbeta", bn -> bn.backward(S, X, 0, X, 0, null, null, D3, D3, P, OUT, 0, VEC_A, VEC_A)),
        // one pixel of three channels: dx is as long as gamma, and must not be it (dx holds dz between
        // the passes)
        bad("dx and gamma", bn -> bn.backward(TensorShape.of2d(1, 3), X, 0, X, 0, VEC_A, null, D3, D3, P, VEC_A, 0, null, null)),
        bad("dx and mean", bn -> bn.globalStatsBackward(TensorShape.of2d(1, 3), X, 0, X, 0, VEC_A, C3, null, null, P, VEC_A, 0, null, null)),
        // outputs of C values that an input or another output could be: one pixel of three channels
        bad("y and mean", bn -> bn.inference(TensorShape.of2d(1, 3), X, 0, VEC_A, C3, null, null, P, VEC_A, 0)),
        bad("y and gamma", bn -> bn.inference(TensorShape.of2d(1, 3), X, 0, C3, C3, VEC_A, null, P, VEC_A, 0)),
        bad("y and runningVar", bn -> bn.forwardTraining(TensorShape.of2d(1, 3), X, 0, null, null, VEC_A, VEC_B, P, VEC_B, 0, null, null)),
        bad("runningMean and x", bn -> bn.forwardTraining(TensorShape.of2d(1, 3), VEC_A, 0, null, null, VEC_A, VEC_B, P, OUT, 0, null, null)),
        bad("runningVar and beta", bn -> bn.forwardTraining(TensorShape.of2d(1, 3), X, 0, null, VEC_B, VEC_A, VEC_B, P, OUT, 0, null, null)),
        bad("dgamma and dx", bn -> bn.backward(TensorShape.of2d(1, 3), X, 0, X, 0, null, null, D3, D3, P, VEC_A, 0, VEC_A, VEC_B)),
        bad("dbeta and gamma", bn -> bn.backward(TensorShape.of2d(1, 3), X, 0, X, 0, VEC_A, null, D3, D3, P, OUT, 0, null, VEC_A)),
        bad("dgamma and mean", bn -> bn.globalStatsBackward(TensorShape.of2d(1, 3), X, 0, X, 0, VEC_A, C3, null, null, P, OUT, 0, VEC_A, VEC_B)),
        bad("var", bn -> bn.globalStatsBackward(S, X, 0, X, 0, C3, null, null, null, P, OUT, 0, VEC_A, VEC_B)),
        bad("dx", bn -> bn.globalStatsBackward(S, X, 0, X, 0, C3, C3, null, null, P, OUT, 1, VEC_A, VEC_B)),
        bad("mean and var", bn -> bn.moments(S, X, 0, DVEC_A, DVEC_A)),
        bad("var", bn -> bn.moments(S, X, 0, DVEC_A, new double[2]))));
    List<Arguments> withImpl = new ArrayList<>();
    for (Implementation impl : Implementations.runnable()) {
      for (Arguments a : all) {
        withImpl.add(Arguments.of(impl, a.get()[0], a.get()[1]));
      }
    }
    return withImpl.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rejectsAndWritesNothing(Implementation impl, String name, Consumer<BatchNorm> call) {
    Arrays.fill(OUT, SENTINEL);
    Arrays.fill(VEC_A, SENTINEL);
    Arrays.fill(VEC_B, SENTINEL);
    Arrays.fill(DVEC_A, SENTINEL);
    Arrays.fill(DVEC_B, SENTINEL);
    try (KernelContext ctx = new KernelContext(1)) {
      BatchNorm bn = Kernels.batchNorm(ctx, impl);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(bn));
      assertTrue(e.getMessage().startsWith(name + ":"), "'" + e.getMessage() + "' names " + name);
      assertTrue(e.getMessage().contains("expected") && e.getMessage().contains("actual"),
          e.getMessage());
    }
    float[] sentinels = new float[S.size()];
    Arrays.fill(sentinels, SENTINEL);
    assertArrayEquals(sentinels, OUT, "tensor output written before the check");
    assertArrayEquals(new float[] {SENTINEL, SENTINEL, SENTINEL}, VEC_A, "vector written");
    assertArrayEquals(new float[] {SENTINEL, SENTINEL, SENTINEL}, VEC_B, "vector written");
    assertArrayEquals(new double[] {SENTINEL, SENTINEL, SENTINEL}, DVEC_A, "statistics written");
    assertArrayEquals(new double[] {SENTINEL, SENTINEL, SENTINEL}, DVEC_B, "statistics written");
  }

  @Test
  void paramsAndShapesRejectBadValues() {
    assertThrows(IllegalArgumentException.class,
        () -> new BatchNormParams(0, 0.9, Convention.KERAS, Activation.NONE));
    assertThrows(IllegalArgumentException.class,
        () -> new BatchNormParams(1e-3, 1.01, Convention.KERAS, Activation.NONE));
    assertThrows(IllegalArgumentException.class,
        () -> new BatchNormParams(1e-3, Double.NaN, Convention.KERAS, Activation.NONE));
    assertThrows(IllegalArgumentException.class, () -> new TensorShape(1, 0, 1, 1, Layout.NCHW));
    assertThrows(IllegalArgumentException.class,
        () -> new TensorShape(65536, 65536, 1, 1, Layout.NCHW));
    assertThrows(IllegalArgumentException.class, () -> new KernelContext(0));
  }
}
