package dev.lanes.kernels.loss;

import dev.lanes.kernels.BadCall;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.Implementations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Losses;
import dev.lanes.kernels.Watch;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments, labels out of range among them, throw IllegalArgumentException naming the argument,
 * before anything is written.
 */
class LossArgumentTest {
  private static final int N = 3;
  private static final int K = 4;

  static final class Arrays4 {
    final float[] z = filled(N * K, 0.5f);
    final int[] labels = {0, 3, 1};
    final float[] d = filled(N * K, -7f);
    final float[] p = filled(N * K, -7f);

    private static float[] filled(int n, float v) {
      float[] a = new float[n];
      Arrays.fill(a, v);
      return a;
    }
  }

  private record Call(Losses l, Arrays4 a) {}

  private static BadCall<Consumer<Call>> bad(String name, Consumer<Call> call) {
    return new BadCall<>(name, call);
  }

  static Stream<Arguments> cases() {
    List<BadCall<Consumer<Call>>> all = List.of(
        bad("n", c -> c.l.softmaxCrossEntropy(0, K, c.a.z, 0, c.a.labels, 0, c.a.d, 0)),
        bad("k", c -> c.l.softmaxCrossEntropy(N, -1, c.a.z, 0, c.a.labels, 0, c.a.d, 0)),
        bad("logits (n * k)", c -> c.l.softmaxCrossEntropy(65536, 65536, c.a.z, 0, c.a.labels, 0, null, 0)),
        bad("logits", c -> c.l.softmaxCrossEntropy(N, K, null, 0, c.a.labels, 0, c.a.d, 0)),
        bad("logits", c -> c.l.softmaxCrossEntropy(N, K, c.a.z, 1, c.a.labels, 0, c.a.d, 0)),
        bad("logits offset", c -> c.l.softmaxCrossEntropy(N, K, c.a.z, -1, c.a.labels, 0, c.a.d, 0)),
        bad("dlogits", c -> c.l.softmaxCrossEntropy(N, K, c.a.z, 0, c.a.labels, 0, c.a.d, 2)),
        bad("dlogits and logits", c -> c.l.softmaxCrossEntropy(N, K, c.a.z, 0, c.a.labels, 0, c.a.z, 0)),
        bad("labels", c -> c.l.softmaxCrossEntropy(N, K, c.a.z, 0, null, 0, c.a.d, 0)),
        bad("labels", c -> c.l.softmaxCrossEntropy(N, K, c.a.z, 0, c.a.labels, 1, c.a.d, 0)),
        bad("labels offset", c -> c.l.softmaxCrossEntropy(N, K, c.a.z, 0, c.a.labels, -1, c.a.d, 0)),
        bad("labels[1]", c -> {
          c.a.labels[1] = K;
          c.l.softmaxCrossEntropy(N, K, c.a.z, 0, c.a.labels, 0, c.a.d, 0);
        }),
        bad("labels[2]", c -> {
          c.a.labels[2] = -1;
          c.l.sigmoidHeadCrossEntropy(N, K, c.a.z, 0, c.a.labels, 0, c.a.d, 0);
        }),
        bad("labels[1]", c -> c.l.sigmoidHeadCrossEntropy(2, 2, c.a.z, 0, c.a.labels, 0, null, 0)),
        bad("dlogits offset", c -> c.l.sigmoidHeadCrossEntropy(N, K, c.a.z, 0, c.a.labels, 0, c.a.d, -1)),
        bad("p", c -> c.l.softmax(N, K, c.a.z, 0, c.a.p, 1)),
        bad("p and logits", c -> c.l.softmax(N, K, c.a.z, 0, c.a.z, 0)),
        bad("logits", c -> c.l.softmax(N, K, c.a.z, 2, c.a.p, 0)),
        bad("p", c -> c.l.sigmoidHeadProbabilities(N, K, c.a.z, 0, null, 0)),
        bad("k", c -> c.l.sigmoidHeadProbabilities(N, 0, c.a.z, 0, c.a.p, 0)),
        bad("scores", c -> c.l.correct(N, K, null, 0, c.a.labels, 0)),
        bad("labels[0]", c -> {
          c.a.labels[0] = 9;
          c.l.correct(N, K, c.a.z, 0, c.a.labels, 0);
        }));
    return Implementations.withEach(all);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rejectsAndWritesNothing(Implementation impl, BadCall<Consumer<Call>> bad) {
    Arrays4 a = new Arrays4();
    Watch watch = Watch.of(a.z, a.d, a.p);
    try (KernelContext ctx = new KernelContext(1)) {
      Losses losses = Kernels.losses(ctx, impl);
      watch.assertRejected(bad.name(), () -> bad.call().accept(new Call(losses, a)));
    }
  }
}
