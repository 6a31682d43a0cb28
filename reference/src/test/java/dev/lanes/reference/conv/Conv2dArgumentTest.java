package dev.lanes.reference.conv;

import static dev.lanes.reference.conv.Conv2dReference.backwardData;
import static dev.lanes.reference.conv.Conv2dReference.backwardWeights;
import static dev.lanes.reference.conv.Conv2dReference.forward;
import static dev.lanes.reference.support.Rejects.assertMessage;

import dev.lanes.reference.Layout;
import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Watched;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments throw an {@link IllegalArgumentException} whose message starts with the argument's name,
 * and the call writes nothing: every array it was given still holds its snapshot.
 */
class Conv2dArgumentTest {
  /** Distinct sizes: x 150, y 200, w 108, bias 4. */
  private static final Conv2dShape S = new Conv2dShape(2, 3, 5, 5, 4, 3, 3, 1, 1, Layout.NCHW);
  private static final int XS = 150;
  private static final int YS = 200;
  private static final int WS = 108;
  /** x, y, bias of 2 elements and w of 4, so that aliased arrays pass the length checks. */
  private static final Conv2dShape TINY = new Conv2dShape(1, 2, 1, 1, 2, 1, 1, 1, 0, Layout.NHWC);

  /** Valid, watched arrays for one shape; a case swaps one of them for a bad one. */
  static final class Fixture {
    final Watched watched = new Watched();
    final Conv2dShape s;
    final double[] x;
    final double[] w;
    final double[] b;
    final double[] dy;
    final double[] y;
    final double[] dx;
    final double[] dw;
    final double[] db;

    Fixture(Conv2dShape s) {
      Gen g = new Gen(7);
      this.s = s;
      x = watched.watch(g.normal(s.input().size(), 0, 1));
      w = watched.watch(g.normal(s.weightSize(), 0, 1));
      b = watched.watch(g.normal(s.cout(), 0, 1));
      dy = watched.watch(g.normal(s.output().size(), 0, 1));
      y = watched.output(s.output().size());
      dx = watched.output(s.input().size());
      dw = watched.output(s.weightSize());
      db = watched.output(s.cout());
    }

    /** A watched sentinel-filled array of {@code length}. */
    double[] out(int length) {
      return watched.output(length);
    }
  }

  static Stream<Arguments> badForward() {
    return Stream.of(
        bad("null shape", "s:", S, f -> forward(null, f.x, 0, f.w, f.b, f.y, 0)),
        bad("null x", "x:", S, f -> forward(f.s, null, 0, f.w, f.b, f.y, 0)),
        bad("short x", "x:", S, f -> forward(f.s, f.out(XS - 1), 0, f.w, f.b, f.y, 0)),
        bad("x offset past the end", "x:", S, f -> forward(f.s, f.x, 1, f.w, f.b, f.y, 0)),
        bad("negative x offset", "x offset:", S, f -> forward(f.s, f.x, -1, f.w, f.b, f.y, 0)),
        bad("null w", "w:", S, f -> forward(f.s, f.x, 0, null, f.b, f.y, 0)),
        bad("long w", "w:", S, f -> forward(f.s, f.x, 0, f.out(WS + 1), f.b, f.y, 0)),
        bad("short bias", "bias:", S, f -> forward(f.s, f.x, 0, f.w, f.out(3), f.y, 0)),
        bad("null y", "y:", S, f -> forward(f.s, f.x, 0, f.w, f.b, null, 0)),
        bad("short y", "y:", S, f -> forward(f.s, f.x, 0, f.w, f.b, f.out(YS - 1), 0)),
        bad("negative y offset", "y offset:", S, f -> forward(f.s, f.x, 0, f.w, f.b, f.y, -2)),
        bad("y is x", "y and x:", TINY, f -> forward(f.s, f.x, 0, f.w, f.b, f.x, 0)),
        bad("y is w", "y and w:", TINY, f -> forward(f.s, f.x, 0, f.w, f.b, f.w, 0)),
        bad("y is bias", "y and bias:", TINY, f -> forward(f.s, f.x, 0, f.w, f.b, f.b, 0)));
  }

  static Stream<Arguments> badBackwardData() {
    return Stream.of(
        bad("null shape", "s:", S, f -> backwardData(null, f.dy, 0, f.w, f.dx, 0)),
        bad("null dy", "dy:", S, f -> backwardData(f.s, null, 0, f.w, f.dx, 0)),
        bad("short dy", "dy:", S, f -> backwardData(f.s, f.out(YS - 1), 0, f.w, f.dx, 0)),
        bad("negative dy offset", "dy offset:", S, f -> backwardData(f.s, f.dy, -1, f.w, f.dx, 0)),
        bad("null w", "w:", S, f -> backwardData(f.s, f.dy, 0, null, f.dx, 0)),
        bad("short w", "w:", S, f -> backwardData(f.s, f.dy, 0, f.out(WS - 1), f.dx, 0)),
        bad("null dx", "dx:", S, f -> backwardData(f.s, f.dy, 0, f.w, null, 0)),
        bad("dx offset past the end", "dx:", S, f -> backwardData(f.s, f.dy, 0, f.w, f.dx, 1)),
        bad("negative dx offset", "dx offset:", S, f -> backwardData(f.s, f.dy, 0, f.w, f.dx, -1)),
        bad("dx is dy", "dx and dy:", TINY, f -> backwardData(f.s, f.dy, 0, f.w, f.dy, 0)),
        bad("dx is w", "dx and w:", TINY, f -> backwardData(f.s, f.dy, 0, f.w, f.w, 0)));
  }

  static Stream<Arguments> badBackwardWeights() {
    return Stream.of(
        bad("null shape", "s:", S, f -> backwardWeights(null, f.x, 0, f.dy, 0, f.dw, f.db)),
        bad("null x", "x:", S, f -> backwardWeights(f.s, null, 0, f.dy, 0, f.dw, f.db)),
        bad("short x", "x:", S, f -> backwardWeights(f.s, f.out(XS - 1), 0, f.dy, 0, f.dw, f.db)),
        bad("negative x offset", "x offset:", S, f -> backwardWeights(f.s, f.x, -1, f.dy, 0, f.dw, f.db)),
        bad("null dy", "dy:", S, f -> backwardWeights(f.s, f.x, 0, null, 0, f.dw, f.db)),
        bad("dy offset past the end", "dy:", S, f -> backwardWeights(f.s, f.x, 0, f.dy, 1, f.dw, f.db)),
        bad("null dw", "dw:", S, f -> backwardWeights(f.s, f.x, 0, f.dy, 0, null, f.db)),
        bad("short dw", "dw:", S, f -> backwardWeights(f.s, f.x, 0, f.dy, 0, f.out(WS - 1), f.db)),
        bad("long dbias", "dbias:", S, f -> backwardWeights(f.s, f.x, 0, f.dy, 0, f.dw, f.out(5))),
        bad("dw is x", "dw and x:", TINY, f -> {
          double[] both = f.out(4);
          backwardWeights(f.s, both, 0, f.dy, 0, both, f.db);
        }),
        bad("dbias is dy", "dbias and dy:", TINY, f -> backwardWeights(f.s, f.x, 0, f.dy, 0, f.dw, f.dy)),
        bad("dbias is x", "dbias and x:", TINY, f -> backwardWeights(f.s, f.x, 0, f.dy, 0, f.dw, f.x)));
  }

  @ParameterizedTest(name = "forward: {0}")
  @MethodSource("badForward")
  void forwardRejects(String what, String prefix, Conv2dShape s, Consumer<Fixture> call) {
    assertRejected("forward: " + what, prefix, s, call);
  }

  @ParameterizedTest(name = "backwardData: {0}")
  @MethodSource("badBackwardData")
  void backwardDataRejects(String what, String prefix, Conv2dShape s, Consumer<Fixture> call) {
    assertRejected("backwardData: " + what, prefix, s, call);
  }

  @ParameterizedTest(name = "backwardWeights: {0}")
  @MethodSource("badBackwardWeights")
  void backwardWeightsRejects(String what, String prefix, Conv2dShape s, Consumer<Fixture> call) {
    assertRejected("backwardWeights: " + what, prefix, s, call);
  }

  @Test
  void shapeRejectsKernelsLargerThanThePaddedInput() {
    assertMessage("kh: expected <= h + 2 * pad = 3, actual 4",
        () -> new Conv2dShape(1, 1, 3, 5, 1, 4, 2, 1, 0, Layout.NCHW));
    assertMessage("kw: expected <= w + 2 * pad = 7, actual 8",
        () -> new Conv2dShape(1, 1, 3, 3, 1, 2, 8, 1, 2, Layout.NHWC));
  }

  private static void assertRejected(String what, String prefix, Conv2dShape s, Consumer<Fixture> call) {
    Fixture f = new Fixture(s);
    f.watched.assertRejected(what, prefix, () -> call.accept(f));
  }

  private static Arguments bad(String what, String prefix, Conv2dShape s, Consumer<Fixture> call) {
    return Arguments.of(what, prefix, s, call);
  }
}
