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

/** Bad convolution arguments throw IllegalArgumentException naming the argument, before any write. */
class ConvolutionArgumentTest {
  private static final ConvShape S = new ConvShape(2, 3, 5, 5, 4, 3, 3, 1, 1, Layout.NCHW);
  private static final float SENTINEL = -12345.5f;
  private static final float[] X = new float[S.input().size()];
  private static final float[] W = new float[S.weightSize()];
  private static final float[] DY = new float[S.output().size()];
  private static final float[] OUT = new float[Math.max(S.input().size(), S.output().size())];
  private static final float[] DW = new float[S.weightSize()];
  private static final float[] VEC = new float[S.cout()];

  private static Arguments bad(String name, Consumer<Convolution> call) {
    return Arguments.of(name, call);
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = List.of(
        bad("s", c -> c.forward(null, X, 0, W, 0, null, 0, OUT, 0)),
        bad("x", c -> c.forward(S, null, 0, W, 0, null, 0, OUT, 0)),
        bad("x", c -> c.forward(S, X, 1, W, 0, null, 0, OUT, 0)),
        bad("x offset", c -> c.forward(S, X, -1, W, 0, null, 0, OUT, 0)),
        bad("w", c -> c.forward(S, X, 0, new float[W.length - 1], 0, null, 0, OUT, 0)),
        bad("bias", c -> c.forward(S, X, 0, W, 0, VEC, 1, OUT, 0)),
        bad("y", c -> c.forward(S, X, 0, W, 0, null, 0, OUT, 1)),
        bad("y and x", c -> c.forward(S, OUT, 0, W, 0, null, 0, OUT, 0)),
        bad("dy", c -> c.backwardData(S, DY, 1, W, 0, OUT, 0)),
        bad("w", c -> c.backwardData(S, DY, 0, null, 0, OUT, 0)),
        bad("dx", c -> c.backwardData(S, DY, 0, W, 0, new float[3], 0)),
        bad("dx and dy", c -> c.backwardData(S, OUT, 0, W, 0, OUT, 0)),
        bad("x", c -> c.backwardWeights(S, X, 2, DY, 0, DW, 0, VEC, 0)),
        bad("dy", c -> c.backwardWeights(S, X, 0, null, 0, DW, 0, VEC, 0)),
        bad("dw", c -> c.backwardWeights(S, X, 0, DY, 0, DW, 1, VEC, 0)),
        bad("dbias", c -> c.backwardWeights(S, X, 0, DY, 0, DW, 0, new float[2], 0)),
        bad("dbias and dw", c -> c.backwardWeights(S, X, 0, DY, 0, DW, 0, DW, 0)));
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
  void rejectsAndWritesNothing(Implementation impl, String name, Consumer<Convolution> call) {
    Arrays.fill(OUT, SENTINEL);
    Arrays.fill(DW, SENTINEL);
    Arrays.fill(VEC, SENTINEL);
    try (KernelContext ctx = new KernelContext(1)) {
      Convolution conv = Kernels.convolution(ctx, impl);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> call.accept(conv));
      assertTrue(e.getMessage().startsWith(name + ":") || e.getMessage().startsWith(name + " "),
          "'" + e.getMessage() + "' names " + name);
      assertTrue(e.getMessage().contains("expected") && e.getMessage().contains("actual"),
          e.getMessage());
    }
    assertArrayEquals(filled(OUT.length), OUT, "activation output written before the check");
    assertArrayEquals(filled(DW.length), DW, "weight gradient written before the check");
    assertArrayEquals(filled(VEC.length), VEC, "bias gradient written before the check");
  }

  @Test
  void shapesRejectBadValues() {
    assertThrows(IllegalArgumentException.class,
        () -> new ConvShape(1, 1, 4, 4, 1, 5, 3, 1, 0, Layout.NCHW));
    assertThrows(IllegalArgumentException.class,
        () -> new ConvShape(1, 1, 4, 4, 1, 3, 3, 0, 0, Layout.NCHW));
    assertThrows(IllegalArgumentException.class,
        () -> new ConvShape(1, 1, 4, 4, 1, 3, 3, 1, -1, Layout.NCHW));
    assertThrows(IllegalArgumentException.class,
        () -> new ConvShape(1, 1, 4, 4, 0, 3, 3, 1, 0, Layout.NHWC));
    assertThrows(IllegalArgumentException.class,
        () -> new ConvShape(1, 1, 4, 4, 1, 3, 3, 1, 0, null));
  }

  private static float[] filled(int n) {
    float[] a = new float[n];
    Arrays.fill(a, SENTINEL);
    return a;
  }
}
