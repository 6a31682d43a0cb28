package dev.lanes.kernels.optim;

import dev.lanes.kernels.BadCall;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Optimizers;
import dev.lanes.kernels.Watch;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments throw IllegalArgumentException naming the argument, before anything is written. */
class OptimizerArgumentTest {

  private static BadCall<BiConsumer<Optimizers, float[][]>> bad(String name,
      BiConsumer<Optimizers, float[][]> call) {
    return new BadCall<>(name, call);
  }

  /** a[0] = w, a[1] = g, a[2] = v, 10 each; a[3]: an arena of 30. */
  static Stream<Arguments> cases() {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    List<BadCall<BiConsumer<Optimizers, float[][]>>> all = List.of(
        bad("count", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 0, 1e-3f, 0.9f, 1e-7f)),
        bad("w", (o, a) -> o.rmsProp(null, 0, a[1], 0, a[2], 0, 10, 1e-3f, 0.9f, 1e-7f)),
        bad("g", (o, a) -> o.rmsProp(a[0], 0, a[1], 1, a[2], 0, 10, 1e-3f, 0.9f, 1e-7f)),
        bad("v offset", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], -1, 5, 1e-3f, 0.9f, 1e-7f)),
        bad("w and g", (o, a) -> o.rmsProp(a[3], 0, a[3], 9, a[2], 0, 10, 1e-3f, 0.9f, 1e-7f)),
        bad("w and v", (o, a) -> o.rmsProp(a[3], 9, a[1], 0, a[3], 0, 10, 1e-3f, 0.9f, 1e-7f)),
        bad("v and g", (o, a) -> o.rmsProp(a[0], 0, a[3], 0, a[3], 0, 10, 1e-3f, 0.9f, 1e-7f)),
        bad("w and g", (o, a) -> o.rmsProp(a[0], 0, a[0], 0, a[2], 0, 10, 1e-3f, 0.9f, 1e-7f)),
        bad("lr", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 10, 0f, 0.9f, 1e-7f)),
        bad("lr", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 10, nan, 0.9f, 1e-7f)),
        bad("lr", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 10, inf, 0.9f, 1e-7f)),
        bad("rho", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 10, 1e-3f, 1f, 1e-7f)),
        bad("rho", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 10, 1e-3f, -0.1f, 1e-7f)),
        bad("rho", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 10, 1e-3f, nan, 1e-7f)),
        bad("eps", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 10, 1e-3f, 0.9f, 0f)),
        bad("eps", (o, a) -> o.rmsProp(a[0], 0, a[1], 0, a[2], 0, 10, 1e-3f, 0.9f, -inf)),
        bad("count", (o, a) -> o.sgd(a[0], 0, a[1], 0, -2, 0.1f)),
        bad("w", (o, a) -> o.sgd(a[0], 2, a[1], 0, 10, 0.1f)),
        bad("g", (o, a) -> o.sgd(a[0], 0, null, 0, 10, 0.1f)),
        bad("w and g", (o, a) -> o.sgd(a[3], 5, a[3], 14, 10, 0.1f)),
        bad("lr", (o, a) -> o.sgd(a[0], 0, a[1], 0, 10, -0.1f)));
    return Implementations.withEach(all);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rejectsAndWritesNothing(Implementation impl,
      BadCall<BiConsumer<Optimizers, float[][]>> bad) {
    float[][] a = {new float[10], new float[10], new float[10], new float[30]};
    Arrays.fill(a[0], 1.5f);
    Arrays.fill(a[1], 2.5f);
    Arrays.fill(a[2], 0.25f);
    Arrays.fill(a[3], -7f);
    Watch watch = Watch.of((Object[]) a);
    try (KernelContext ctx = new KernelContext(1)) {
      Optimizers opt = Kernels.optimizers(ctx, impl);
      watch.assertRejected(bad.name(), () -> bad.call().accept(opt, a));
    }
  }
}
