package dev.lanes.kernels.pool;

import dev.lanes.kernels.BadCall;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.MaxPool;
import dev.lanes.kernels.PoolShape;
import dev.lanes.kernels.TensorShape;
import dev.lanes.kernels.Watch;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments throw IllegalArgumentException naming the argument, before anything is written. */
class MaxPoolArgumentTest {
  /** 2 images of 3 x 4 x 4, NHWC, 2 x 2 windows: 96 inputs, 24 outputs, 48 inputs per image. */
  private static final PoolShape S = new PoolShape(new TensorShape(2, 3, 4, 4, Layout.NHWC), 2, 2);

  static final class Arrays5 {
    final float[] x = filled(96, 1.5f);
    final float[] y = filled(24, -7f);
    final int[] argmax = new int[24];
    final float[] dy = filled(24, 1.5f);
    final float[] dx = filled(96, -7f);
    final float[] arena = filled(200, -7f);

    Arrays5() {
      for (int i = 0; i < 24; i++) {
        argmax[i] = i < 12 ? i : 48 + i;
      }
    }

    private static float[] filled(int n, float v) {
      float[] a = new float[n];
      Arrays.fill(a, v);
      return a;
    }
  }

  private record Call(MaxPool p, Arrays5 a) {}

  private static BadCall<Consumer<Call>> bad(String name, Consumer<Call> call) {
    return new BadCall<>(name, call);
  }

  static Stream<Arguments> cases() {
    List<BadCall<Consumer<Call>>> all = List.of(
        bad("s", c -> c.p.forward(null, c.a.x, 0, c.a.y, 0, c.a.argmax, 0)),
        bad("x", c -> c.p.forward(S, null, 0, c.a.y, 0, c.a.argmax, 0)),
        bad("x", c -> c.p.forward(S, c.a.x, 1, c.a.y, 0, c.a.argmax, 0)),
        bad("x offset", c -> c.p.forward(S, c.a.x, -1, c.a.y, 0, c.a.argmax, 0)),
        bad("y", c -> c.p.forward(S, c.a.x, 0, c.a.y, 2, c.a.argmax, 0)),
        bad("argmax", c -> c.p.forward(S, c.a.x, 0, c.a.y, 0, new int[23], 0)),
        bad("argmax offset", c -> c.p.forward(S, c.a.x, 0, c.a.y, 0, c.a.argmax, -2)),
        bad("y and x", c -> c.p.forward(S, c.a.arena, 0, c.a.arena, 95, c.a.argmax, 0)),
        bad("s", c -> c.p.backward(null, c.a.dy, 0, c.a.argmax, 0, c.a.dx, 0)),
        bad("dy", c -> c.p.backward(S, null, 0, c.a.argmax, 0, c.a.dx, 0)),
        bad("argmax", c -> c.p.backward(S, c.a.dy, 0, null, 0, c.a.dx, 0)),
        bad("dx", c -> c.p.backward(S, c.a.dy, 0, c.a.argmax, 0, c.a.y, 0)),
        bad("dx offset", c -> c.p.backward(S, c.a.dy, 0, c.a.argmax, 0, c.a.dx, -5)),
        bad("dx and dy", c -> c.p.backward(S, c.a.arena, 100, c.a.argmax, 0, c.a.arena, 10)),
        bad("argmax[5]", c -> {
          c.a.argmax[5] = 48;
          c.p.backward(S, c.a.dy, 0, c.a.argmax, 0, c.a.dx, 0);
        }),
        bad("argmax[23]", c -> {
          c.a.argmax[23] = -1;
          c.p.backward(S, c.a.dy, 0, c.a.argmax, 0, c.a.dx, 0);
        }),
        bad("argmax[13]", c -> {
          c.a.argmax[13] = 96;
          c.p.backward(S, c.a.dy, 0, c.a.argmax, 0, c.a.dx, 0);
        }));
    return Implementations.withEach(all);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rejectsAndWritesNothing(Implementation impl, BadCall<Consumer<Call>> bad) {
    Arrays5 a = new Arrays5();
    Watch watch = Watch.of(a.x, a.y, a.dy, a.dx, a.arena);
    try (KernelContext ctx = new KernelContext(1)) {
      MaxPool pool = Kernels.maxPool(ctx, impl);
      watch.assertRejected(bad.name(), () -> bad.call().accept(new Call(pool, a)));
    }
  }

  @Test
  void poolShapesRejectBadValues() {
    TensorShape in = new TensorShape(1, 2, 5, 3, Layout.NCHW);
    Watch none = Watch.of();
    none.assertRejected("input", () -> new PoolShape(null, 2, 2));
    none.assertRejected("size", () -> new PoolShape(in, 0, 1));
    none.assertRejected("stride", () -> new PoolShape(in, 2, 0));
    none.assertRejected("size", () -> new PoolShape(in, 4, 1));
  }
}
