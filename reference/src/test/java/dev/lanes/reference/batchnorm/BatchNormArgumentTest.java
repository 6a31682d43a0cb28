package dev.lanes.reference.batchnorm;

import static dev.lanes.reference.support.Rejects.assertRejected;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments throw IllegalArgumentException naming the argument, and nothing is written. */
class BatchNormArgumentTest {
  private static final Shape S = new Shape(2, 3, 2, 2, Layout.NHWC);
  private static final double SENTINEL = -12345.5;
  private static final double[] X = new double[S.size()];
  private static final double[] C3 = {1, 1, 1};
  private static final BatchNormConfig CFG = BatchNormConfig.keras();

  /** The outputs every case may write: y or dx, then per-channel outputs. */
  private static final double[] OUT = new double[S.size()];
  private static final double[] VEC_A = new double[3];
  private static final double[] VEC_B = new double[3];

  private static Arguments bad(String name, Executable call) {
    return Arguments.of(name, call);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("x", () -> BatchNormReference.forwardTraining(S, null, 0, null, null, null, null, CFG, OUT, 0, null, null)),
        bad("x", () -> BatchNormReference.forwardTraining(S, X, 1, null, null, null, null, CFG, OUT, 0, null, null)),
        bad("y offset", () -> BatchNormReference.forwardTraining(S, X, 0, null, null, null, null, CFG, OUT, -1, null, null)),
        bad("gamma", () -> BatchNormReference.forwardTraining(S, X, 0, new double[2], null, null, null, CFG, OUT, 0, null, null)),
        bad("beta", () -> BatchNormReference.forwardTraining(S, X, 0, C3, new double[4], null, null, CFG, OUT, 0, null, null)),
        bad("runningMean and runningVar", () -> BatchNormReference.forwardTraining(S, X, 0, null, null, VEC_A, null, CFG, OUT, 0, null, null)),
        bad("savedInvStd", () -> BatchNormReference.forwardTraining(S, X, 0, null, null, null, null, CFG, OUT, 0, VEC_A, new double[1])),
        bad("cfg", () -> BatchNormReference.forwardTraining(S, X, 0, null, null, null, null, null, OUT, 0, null, null)),
        bad("x and y", () -> BatchNormReference.forwardTraining(S, OUT, 0, null, null, null, null, CFG, OUT, 0, null, null)),
        bad("var[1]", () -> BatchNormReference.inference(S, X, 0, C3, new double[] {1, -1, 1}, null, null, CFG, OUT, 0)),
        bad("mean", () -> BatchNormReference.inference(S, X, 0, null, C3, null, null, CFG, OUT, 0)),
        bad("y", () -> BatchNormReference.inference(S, X, 0, C3, C3, null, null, CFG, new double[S.size() - 1], 0)),
        bad("dy", () -> BatchNormReference.backward(S, X, 0, X, 2, null, null, CFG, OUT, 0, VEC_A, VEC_B)),
        bad("dgamma", () -> BatchNormReference.backward(S, X, 0, X, 0, null, null, CFG, OUT, 0, new double[5], VEC_B)),
        bad("dx and dy", () -> BatchNormReference.backward(S, X, 0, OUT, 0, null, null, CFG, OUT, 0, VEC_A, VEC_B)),
        bad("dx and gamma", () -> BatchNormReference.backward(Shape.of2d(1, 3), X, 0, X, 0, VEC_A, null, CFG, VEC_A, 0, null, null)),
        bad("dx and mean", () -> BatchNormReference.globalStatsBackward(Shape.of2d(1, 3), X, 0, X, 0, VEC_A, C3, null, null, CFG, VEC_A, 0, null, null)),
        bad("y and mean", () -> BatchNormReference.inference(Shape.of2d(1, 3), X, 0, VEC_A, C3, null, null, CFG, VEC_A, 0)),
        bad("y and savedMean", () -> BatchNormReference.forwardTraining(Shape.of2d(1, 3), X, 0, null, null, null, null, CFG, VEC_A, 0, VEC_A, VEC_B)),
        bad("runningMean and savedInvStd", () -> BatchNormReference.forwardTraining(Shape.of2d(1, 3), X, 0, null, null, VEC_A, C3, CFG, OUT, 0, new double[3], VEC_A)),
        bad("dgamma and x", () -> BatchNormReference.backward(Shape.of2d(1, 3), VEC_A, 0, X, 0, null, null, CFG, OUT, 0, VEC_A, VEC_B)),
        bad("dbeta and mean", () -> BatchNormReference.globalStatsBackward(Shape.of2d(1, 3), X, 0, X, 0, VEC_B, C3, null, null, CFG, OUT, 0, VEC_A, VEC_B)),
        bad("var", () -> BatchNormReference.globalStatsBackward(S, X, 0, X, 0, C3, null, null, null, CFG, OUT, 0, VEC_A, VEC_B)),
        bad("dx", () -> BatchNormReference.globalStatsBackward(S, X, 0, X, 0, C3, C3, null, null, CFG, OUT, 1, VEC_A, VEC_B)),
        bad("mean and var", () -> BatchNormReference.moments(S, X, 0, VEC_A, VEC_A)),
        bad("var", () -> BatchNormReference.moments(S, X, 0, VEC_A, new double[2])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsAndWritesNothing(String name, Executable call) {
    Arrays.fill(OUT, SENTINEL);
    Arrays.fill(VEC_A, SENTINEL);
    Arrays.fill(VEC_B, SENTINEL);
    assertRejected(name, call, OUT, VEC_A, VEC_B);
  }

  @Test
  void configRejectsBadHyperParameters() {
    assertThrows(IllegalArgumentException.class,
        () -> new BatchNormConfig(0, 0.9, Convention.KERAS, Activation.NONE), "eps 0");
    assertThrows(IllegalArgumentException.class,
        () -> new BatchNormConfig(Double.NaN, 0.9, Convention.KERAS, Activation.NONE), "eps NaN");
    assertThrows(IllegalArgumentException.class,
        () -> new BatchNormConfig(1e-3, 1.5, Convention.KERAS, Activation.NONE), "momentum 1.5");
    assertThrows(IllegalArgumentException.class,
        () -> new BatchNormConfig(1e-3, -0.1, Convention.KERAS, Activation.NONE), "momentum -0.1");
    assertThrows(IllegalArgumentException.class, () -> new Shape(0, 1, 1, 1, Layout.NCHW), "n 0");
  }
}
