package dev.lanes.reference.dense;

import static dev.lanes.reference.dense.DenseReference.backward;
import static dev.lanes.reference.dense.DenseReference.forward;

import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Watched;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments throw an {@link IllegalArgumentException} whose message starts with the argument's name,
 * and the call writes nothing: every array it was given still holds its snapshot.
 */
class DenseArgumentTest {
  /** n 2, in 3, out 4: x 6, w 12, bias 4, y 8. */
  private static final int N = 2;
  private static final int IN = 3;
  private static final int OUT = 4;

  /** Valid, watched arrays; a case swaps one of them for a bad one. */
  static final class Fixture {
    final Watched watched = new Watched();
    final double[] x;
    final double[] w;
    final double[] b;
    final double[] dy;
    final double[] y;
    final double[] dx;
    final double[] dw;
    final double[] db;

    Fixture() {
      Gen g = new Gen(7);
      x = watched.watch(g.normal(N * IN, 0, 1));
      w = watched.watch(g.normal(IN * OUT, 0, 1));
      b = watched.watch(g.normal(OUT, 0, 1));
      dy = watched.watch(g.normal(N * OUT, 0, 1));
      y = watched.output(N * OUT);
      dx = watched.output(N * IN);
      dw = watched.output(IN * OUT);
      db = watched.output(OUT);
    }

    /** A watched sentinel-filled array of {@code length}. */
    double[] out(int length) {
      return watched.output(length);
    }
  }

  static Stream<Arguments> badForward() {
    return Stream.of(
        bad("zero n", "n:", f -> forward(0, IN, OUT, f.x, 0, f.w, f.b, f.y, 0)),
        bad("negative in", "in:", f -> forward(N, -1, OUT, f.x, 0, f.w, f.b, f.y, 0)),
        bad("zero out", "out:", f -> forward(N, IN, 0, f.x, 0, f.w, f.b, f.y, 0)),
        bad("in * out overflows", "w:", f -> forward(1, 1 << 16, 1 << 16, f.out(1 << 16), 0, f.w, null, f.y, 0)),
        bad("null x", "x:", f -> forward(N, IN, OUT, null, 0, f.w, f.b, f.y, 0)),
        bad("short x", "x:", f -> forward(N, IN, OUT, f.out(5), 0, f.w, f.b, f.y, 0)),
        bad("negative x offset", "x offset:", f -> forward(N, IN, OUT, f.x, -1, f.w, f.b, f.y, 0)),
        bad("null w", "w:", f -> forward(N, IN, OUT, f.x, 0, null, f.b, f.y, 0)),
        bad("long w", "w:", f -> forward(N, IN, OUT, f.x, 0, f.out(13), f.b, f.y, 0)),
        bad("short bias", "bias:", f -> forward(N, IN, OUT, f.x, 0, f.w, f.out(3), f.y, 0)),
        bad("null y", "y:", f -> forward(N, IN, OUT, f.x, 0, f.w, f.b, null, 0)),
        bad("y offset past the end", "y:", f -> forward(N, IN, OUT, f.x, 0, f.w, f.b, f.y, 1)),
        bad("negative y offset", "y offset:", f -> forward(N, IN, OUT, f.x, 0, f.w, f.b, f.y, -1)),
        bad("y is x", "y and x:", f -> {
          double[] both = f.out(8);
          forward(N, IN, OUT, both, 0, f.w, f.b, both, 0);
        }),
        bad("y is w", "y and w:", f -> forward(N, IN, OUT, f.x, 0, f.w, f.b, f.w, 0)));
  }

  static Stream<Arguments> badBackward() {
    return Stream.of(
        bad("zero n", "n:", f -> backward(0, IN, OUT, f.x, 0, f.w, f.dy, 0, f.dx, 0, f.dw, f.db)),
        bad("null x", "x:", f -> backward(N, IN, OUT, null, 0, f.w, f.dy, 0, f.dx, 0, f.dw, f.db)),
        bad("negative x offset", "x offset:",
            f -> backward(N, IN, OUT, f.x, -1, f.w, f.dy, 0, f.dx, 0, f.dw, f.db)),
        bad("short w", "w:", f -> backward(N, IN, OUT, f.x, 0, f.out(11), f.dy, 0, f.dx, 0, f.dw, f.db)),
        bad("null dy", "dy:", f -> backward(N, IN, OUT, f.x, 0, f.w, null, 0, f.dx, 0, f.dw, f.db)),
        bad("short dy", "dy:", f -> backward(N, IN, OUT, f.x, 0, f.w, f.out(7), 0, f.dx, 0, f.dw, f.db)),
        bad("short dx", "dx:", f -> backward(N, IN, OUT, f.x, 0, f.w, f.dy, 0, f.out(5), 0, f.dw, f.db)),
        bad("negative dx offset", "dx offset:",
            f -> backward(N, IN, OUT, f.x, 0, f.w, f.dy, 0, f.dx, -1, f.dw, f.db)),
        bad("null dw", "dw:", f -> backward(N, IN, OUT, f.x, 0, f.w, f.dy, 0, f.dx, 0, null, f.db)),
        bad("long dw", "dw:", f -> backward(N, IN, OUT, f.x, 0, f.w, f.dy, 0, f.dx, 0, f.out(13), f.db)),
        bad("long dbias", "dbias:", f -> backward(N, IN, OUT, f.x, 0, f.w, f.dy, 0, f.dx, 0, f.dw, f.out(5))),
        bad("dx is x", "dx and x:", f -> backward(N, IN, OUT, f.x, 0, f.w, f.dy, 0, f.x, 0, f.dw, f.db)),
        bad("dx is dy", "dx and dy:", f -> backward(N, IN, OUT, f.x, 0, f.w, f.dy, 0, f.dy, 0, f.dw, f.db)),
        bad("dw is w", "dw and w:", f -> backward(N, IN, OUT, f.x, 0, f.w, f.dy, 0, f.dx, 0, f.w, f.db)),
        bad("dbias is dw", "dbias and dw:", f -> {
          double[] both = f.out(4);
          backward(2, 1, 4, f.x, 0, f.out(4), f.dy, 0, null, 0, both, both);
        }));
  }

  @ParameterizedTest(name = "forward: {0}")
  @MethodSource("badForward")
  void forwardRejects(String what, String prefix, Consumer<Fixture> call) {
    assertRejected("forward: " + what, prefix, call);
  }

  @ParameterizedTest(name = "backward: {0}")
  @MethodSource("badBackward")
  void backwardRejects(String what, String prefix, Consumer<Fixture> call) {
    assertRejected("backward: " + what, prefix, call);
  }

  private static void assertRejected(String what, String prefix, Consumer<Fixture> call) {
    Fixture f = new Fixture();
    f.watched.assertRejected(what, prefix, () -> call.accept(f));
  }

  private static Arguments bad(String what, String prefix, Consumer<Fixture> call) {
    return Arguments.of(what, prefix, call);
  }
}
