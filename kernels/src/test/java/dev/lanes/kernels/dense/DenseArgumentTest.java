package dev.lanes.kernels.dense;

import dev.lanes.kernels.Dense;
import dev.lanes.kernels.BadCall;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Watch;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments throw IllegalArgumentException naming the argument, before anything is written. */
class DenseArgumentTest {
  private static final int N = 2;
  private static final int IN = 3;
  private static final int OUT = 5;

  /** The arrays of one case: inputs of 1.5, outputs of -7, an arena holding several spans. */
  static final class Arrays6 {
    final float[] x = filled(N * IN, 1.5f);
    final float[] w = filled(IN * OUT, 1.5f);
    final float[] b = filled(OUT, 1.5f);
    final float[] y = filled(N * OUT, -7f);
    final float[] dy = filled(N * OUT, 1.5f);
    final float[] dx = filled(N * IN, -7f);
    final float[] dw = filled(IN * OUT, -7f);
    final float[] db = filled(OUT, -7f);
    final float[] arena = filled(100, -7f);

    private static float[] filled(int n, float v) {
      float[] a = new float[n];
      Arrays.fill(a, v);
      return a;
    }
  }

  private record Call(Dense d, Arrays6 a) {}

  private static BadCall<Consumer<Call>> bad(String name, Consumer<Call> call) {
    return new BadCall<>(name, call);
  }

  static Stream<Arguments> cases() {
    List<BadCall<Consumer<Call>>> all = List.of(
        bad("n", c -> c.d.forward(0, IN, OUT, c.a.x, 0, c.a.w, 0, c.a.b, 0, c.a.y, 0)),
        bad("in", c -> c.d.forward(N, -1, OUT, c.a.x, 0, c.a.w, 0, c.a.b, 0, c.a.y, 0)),
        bad("out", c -> c.d.backwardData(N, IN, 0, c.a.dy, 0, c.a.w, 0, c.a.dx, 0)),
        bad("w (in * out)", c -> c.d.forward(1, 65536, 65536, c.a.x, 0, c.a.w, 0, null, 0, c.a.y, 0)),
        bad("x", c -> c.d.forward(N, IN, OUT, null, 0, c.a.w, 0, c.a.b, 0, c.a.y, 0)),
        bad("x", c -> c.d.forward(N, IN, OUT, c.a.x, 1, c.a.w, 0, c.a.b, 0, c.a.y, 0)),
        bad("x offset", c -> c.d.forward(N, IN, OUT, c.a.x, -1, c.a.w, 0, c.a.b, 0, c.a.y, 0)),
        bad("w", c -> c.d.forward(N, IN, OUT, c.a.x, 0, c.a.w, 2, c.a.b, 0, c.a.y, 0)),
        bad("b", c -> c.d.forward(N, IN, OUT, c.a.x, 0, c.a.w, 0, c.a.x, 4, c.a.y, 0)),
        bad("y", c -> c.d.forward(N, IN, OUT, c.a.x, 0, c.a.w, 0, c.a.b, 0, c.a.dx, 0)),
        bad("y offset", c -> c.d.forward(N, IN, OUT, c.a.x, 0, c.a.w, 0, c.a.b, 0, c.a.y, -3)),
        bad("y and x", c -> c.d.forward(N, IN, OUT, c.a.arena, 0, c.a.w, 0, c.a.b, 0, c.a.arena, 5)),
        bad("y and w", c -> c.d.forward(N, IN, OUT, c.a.x, 0, c.a.arena, 20, c.a.b, 0, c.a.arena, 30)),
        bad("y and b", c -> c.d.forward(N, IN, OUT, c.a.x, 0, c.a.w, 0, c.a.arena, 9, c.a.arena, 0)),
        bad("dy", c -> c.d.backwardData(N, IN, OUT, null, 0, c.a.w, 0, c.a.dx, 0)),
        bad("w", c -> c.d.backwardData(N, IN, OUT, c.a.dy, 0, c.a.b, 0, c.a.dx, 0)),
        bad("dx", c -> c.d.backwardData(N, IN, OUT, c.a.dy, 0, c.a.w, 0, c.a.dx, 1)),
        bad("dx and dy", c -> c.d.backwardData(N, IN, OUT, c.a.arena, 10, c.a.w, 0, c.a.arena, 8)),
        bad("dx and w", c -> c.d.backwardData(N, IN, OUT, c.a.dy, 0, c.a.arena, 40, c.a.arena, 50)),
        bad("x", c -> c.d.backwardWeights(N, IN, OUT, c.a.b, 0, c.a.dy, 0, c.a.dw, 0, c.a.db, 0)),
        bad("dy offset", c -> c.d.backwardWeights(N, IN, OUT, c.a.x, 0, c.a.dy, -1, c.a.dw, 0, c.a.db, 0)),
        bad("dw", c -> c.d.backwardWeights(N, IN, OUT, c.a.x, 0, c.a.dy, 0, null, 0, c.a.db, 0)),
        bad("db", c -> c.d.backwardWeights(N, IN, OUT, c.a.x, 0, c.a.dy, 0, c.a.dw, 0, c.a.db, 1)),
        bad("dw and x", c -> c.d.backwardWeights(N, IN, OUT, c.a.arena, 0, c.a.dy, 0, c.a.arena, 5, null, 0)),
        bad("dw and dy", c -> c.d.backwardWeights(N, IN, OUT, c.a.x, 0, c.a.arena, 60, c.a.arena, 50, null, 0)),
        bad("dw and db", c -> c.d.backwardWeights(N, IN, OUT, c.a.x, 0, c.a.dy, 0, c.a.arena, 0, c.a.arena, 14)),
        bad("db and x", c -> c.d.backwardWeights(N, IN, OUT, c.a.arena, 0, c.a.dy, 0, c.a.dw, 0, c.a.arena, 2)),
        bad("db and dy", c -> c.d.backwardWeights(N, IN, OUT, c.a.x, 0, c.a.arena, 0, c.a.dw, 0, c.a.arena, 9)));
    return Implementations.withEach(all);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rejectsAndWritesNothing(Implementation impl, BadCall<Consumer<Call>> bad) {
    Arrays6 a = new Arrays6();
    Watch watch = Watch.of(a.x, a.w, a.b, a.y, a.dy, a.dx, a.dw, a.db, a.arena);
    try (KernelContext ctx = new KernelContext(1)) {
      Dense dense = Kernels.dense(ctx, impl);
      watch.assertRejected(bad.name(), () -> bad.call().accept(new Call(dense, a)));
    }
  }
}
