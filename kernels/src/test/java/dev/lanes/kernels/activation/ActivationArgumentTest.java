package dev.lanes.kernels.activation;

import dev.lanes.kernels.Activations;
import dev.lanes.kernels.BadCall;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Watch;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments throw IllegalArgumentException naming the argument, before anything is written; an
 * output span that partly overlaps an input span is bad, the same span (in place) is not.
 */
class ActivationArgumentTest {

  private static BadCall<BiConsumer<Activations, float[][]>> bad(String name,
      BiConsumer<Activations, float[][]> call) {
    return new BadCall<>(name, call);
  }

  /** a[0], a[1]: inputs of 10; a[2]: output of 10; a[3]: an arena of 30. */
  static Stream<Arguments> cases() {
    List<BadCall<BiConsumer<Activations, float[][]>>> all = List.of(
        bad("count", (f, a) -> f.sigmoidForward(a[0], 0, a[2], 0, 0)),
        bad("x", (f, a) -> f.sigmoidForward(null, 0, a[2], 0, 10)),
        bad("x", (f, a) -> f.reluForward(a[0], 1, a[2], 0, 10)),
        bad("x offset", (f, a) -> f.reluForward(a[0], -1, a[2], 0, 5)),
        bad("y", (f, a) -> f.sigmoidForward(a[0], 0, a[2], 3, 10)),
        bad("y offset", (f, a) -> f.sigmoidForward(a[3], 0, a[3], 2, 10)),
        bad("y offset", (f, a) -> f.reluForward(a[3], 5, a[3], 0, 10)),
        bad("y", (f, a) -> f.sigmoidBackward(null, 0, a[1], 0, a[2], 0, 10)),
        bad("dy", (f, a) -> f.sigmoidBackward(a[0], 0, a[1], 4, a[2], 0, 10)),
        bad("dx", (f, a) -> f.sigmoidBackward(a[0], 0, a[1], 0, null, 0, 10)),
        bad("dx offset", (f, a) -> f.sigmoidBackward(a[3], 0, a[1], 0, a[3], 9, 10)),
        bad("dx offset", (f, a) -> f.sigmoidBackward(a[0], 0, a[3], 10, a[3], 1, 10)),
        bad("x", (f, a) -> f.reluBackward(a[0], 0, a[1], 0, a[2], 0, 11)),
        bad("dx offset", (f, a) -> f.reluBackward(a[3], 3, a[1], 0, a[3], 0, 10)),
        bad("dx offset", (f, a) -> f.reluBackward(a[0], 0, a[3], 0, a[3], 4, 5)),
        bad("count", (f, a) -> f.reluBackward(a[0], 0, a[1], 0, a[2], 0, -1)));
    return Implementations.withEach(all);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rejectsAndWritesNothing(Implementation impl,
      BadCall<BiConsumer<Activations, float[][]>> bad) {
    float[][] a = {new float[10], new float[10], new float[10], new float[30]};
    Arrays.fill(a[0], 1.5f);
    Arrays.fill(a[1], 2.5f);
    Arrays.fill(a[2], -7f);
    Arrays.fill(a[3], -7f);
    Watch watch = Watch.of((Object[]) a);
    try (KernelContext ctx = new KernelContext(1)) {
      Activations act = Kernels.activations(ctx, impl);
      watch.assertRejected(bad.name(), () -> bad.call().accept(act, a));
    }
  }
}
