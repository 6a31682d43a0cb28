package dev.lanes.reference.pool;

import static dev.lanes.reference.pool.MaxPoolReference.backward;
import static dev.lanes.reference.pool.MaxPoolReference.forward;
import static dev.lanes.reference.support.Rejects.assertMessage;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Watched;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad shapes and arguments throw an {@link IllegalArgumentException} whose message starts with the
 * argument's name, and a rejected call writes nothing: every array it was given keeps its snapshot.
 */
class MaxPoolArgumentTest {
  /** x of 2 * 3 * 6 * 6 = 216 elements, y of 2 * 3 * 3 * 3 = 54. */
  private static final Pool2dShape S = new Pool2dShape(new Shape(2, 3, 6, 6, Layout.NHWC), 2, 2);
  private static final int XS = 216;
  private static final int YS = 54;

  /** Valid, watched arrays; a case swaps one of them for a bad one. */
  static final class Fixture {
    final Watched watched = new Watched();
    final double[] x;
    final double[] dy;
    final double[] y;
    final double[] dx;

    Fixture() {
      Gen g = new Gen(7);
      x = watched.watch(g.normal(XS, 0, 1));
      dy = watched.watch(g.normal(YS, 0, 1));
      y = watched.output(YS);
      dx = watched.output(XS);
    }

    /** A watched sentinel-filled array of {@code length}. */
    double[] out(int length) {
      return watched.output(length);
    }
  }

  @Test
  void shapeRejectsBadKernelsAndStrides() {
    Shape input = new Shape(1, 2, 4, 3, Layout.NCHW);
    assertMessage("input: expected a Shape, actual null", () -> new Pool2dShape(null, 2, 2));
    assertMessage("kernel: expected > 0, actual 0", () -> new Pool2dShape(input, 0, 1));
    assertMessage("stride: expected > 0, actual 0", () -> new Pool2dShape(input, 2, 0));
    assertMessage("kernel: expected <= h = 4, actual 5",
        () -> new Pool2dShape(input.withLayout(Layout.NHWC), 5, 1));
    assertMessage("kernel: expected <= w = 3, actual 4", () -> new Pool2dShape(input, 4, 1));
  }

  static Stream<Arguments> badForward() {
    return Stream.of(
        bad("null shape", "s:", f -> forward(null, f.x, 0, f.y, 0)),
        bad("null x", "x:", f -> forward(S, null, 0, f.y, 0)),
        bad("short x", "x:", f -> forward(S, f.out(XS - 1), 0, f.y, 0)),
        bad("x offset past the end", "x:", f -> forward(S, f.x, 1, f.y, 0)),
        bad("negative x offset", "x offset:", f -> forward(S, f.x, -1, f.y, 0)),
        bad("null y", "y:", f -> forward(S, f.x, 0, null, 0)),
        bad("short y", "y:", f -> forward(S, f.x, 0, f.out(YS - 1), 0)),
        bad("negative y offset", "y offset:", f -> forward(S, f.x, 0, f.y, -1)),
        bad("y is x", "y and x:", f -> forward(S, f.x, 0, f.x, 0)));
  }

  static Stream<Arguments> badBackward() {
    return Stream.of(
        bad("null shape", "s:", f -> backward(null, f.x, 0, f.dy, 0, f.dx, 0)),
        bad("null x", "x:", f -> backward(S, null, 0, f.dy, 0, f.dx, 0)),
        bad("negative x offset", "x offset:", f -> backward(S, f.x, -3, f.dy, 0, f.dx, 0)),
        bad("null dy", "dy:", f -> backward(S, f.x, 0, null, 0, f.dx, 0)),
        bad("short dy", "dy:", f -> backward(S, f.x, 0, f.out(YS - 1), 0, f.dx, 0)),
        bad("null dx", "dx:", f -> backward(S, f.x, 0, f.dy, 0, null, 0)),
        bad("dx offset past the end", "dx:", f -> backward(S, f.x, 0, f.dy, 0, f.dx, 1)),
        bad("negative dx offset", "dx offset:", f -> backward(S, f.x, 0, f.dy, 0, f.dx, -1)),
        bad("dx is x", "dx and x:", f -> backward(S, f.x, 0, f.dy, 0, f.x, 0)),
        bad("dx is dy", "dx and dy:", f -> {
          double[] both = f.out(XS);
          backward(S, f.x, 0, both, 0, both, 0);
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
