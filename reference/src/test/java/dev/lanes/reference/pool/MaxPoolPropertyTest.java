package dev.lanes.reference.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Padded;
import dev.lanes.reference.support.Transpose;
import dev.lanes.reference.support.Watched;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of max pooling: layout independence, the tie rule on constant input, spans. */
class MaxPoolPropertyTest {

  /** NHWC gives the NCHW results once inputs and outputs are transposed; ties included. */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.pool.PoolCases#all")
  void layoutsAgree(long seed, Pool2dShape shape) {
    Pool2dShape s = withLayout(shape, Layout.NCHW);
    Pool2dShape t = withLayout(shape, Layout.NHWC);
    String context = PoolCases.context(seed, s);
    Shape in = s.input();
    Shape out = s.output();
    Gen g = new Gen(seed);
    // Few distinct values, so that windows hold ties and the tie rule is compared too.
    double[] x = Arrays.stream(g.ints(in.size(), 4)).asDoubleStream().toArray();
    double[] dy = g.normal(out.size(), 0, 1);
    double[] xt = Transpose.nchwToNhwc(in.n(), in.c(), in.h(), in.w(), x);
    double[] dyt = Transpose.nchwToNhwc(out.n(), out.c(), out.h(), out.w(), dy);

    double[] y = new double[dy.length];
    double[] yt = new double[dy.length];
    MaxPoolReference.forward(s, x, 0, y, 0);
    MaxPoolReference.forward(t, xt, 0, yt, 0);
    assertArrayEquals(y, Transpose.nhwcToNchw(out.n(), out.c(), out.h(), out.w(), yt), context + " y");

    double[] dx = new double[x.length];
    double[] dxt = new double[x.length];
    MaxPoolReference.backward(s, x, 0, dy, 0, dx, 0);
    MaxPoolReference.backward(t, xt, 0, dyt, 0, dxt, 0);
    assertArrayEquals(dx, Transpose.nhwcToNchw(in.n(), in.c(), in.h(), in.w(), dxt), context + " dx");
  }

  /** On a constant input every window is one tie, so each dy goes to its window's top-left element. */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.pool.PoolCases#all")
  void constantInputSendsEachGradientToItsWindowsTopLeft(long seed, Pool2dShape s) {
    String context = PoolCases.context(seed, s);
    Shape in = s.input();
    Shape out = s.output();
    Gen g = new Gen(seed);
    double[] dy = g.normal(out.size(), 0, 1);
    double[] expected = new double[in.size()];
    for (int n = 0; n < in.n(); n++) {
      for (int c = 0; c < in.c(); c++) {
        for (int oy = 0; oy < out.h(); oy++) {
          for (int ox = 0; ox < out.w(); ox++) {
            int top = ((n * in.c() + c) * in.h() + oy * s.stride()) * in.w() + ox * s.stride();
            expected[top] += dy[((n * out.c() + c) * out.h() + oy) * out.w() + ox];
          }
        }
      }
    }
    if (in.layout() == Layout.NHWC) {
      dy = Transpose.nchwToNhwc(out.n(), out.c(), out.h(), out.w(), dy);
      expected = Transpose.nchwToNhwc(in.n(), in.c(), in.h(), in.w(), expected);
    }
    double[] x = new double[in.size()];
    Arrays.fill(x, -2.5);

    double[] y = new double[out.size()];
    MaxPoolReference.forward(s, x, 0, y, 0);
    double[] constant = new double[out.size()];
    Arrays.fill(constant, -2.5);
    assertArrayEquals(constant, y, context + " y");
    double[] dx = new double[in.size()];
    MaxPoolReference.backward(s, x, 0, dy, 0, dx, 0);
    assertArrayEquals(expected, dx, context + " dx");
  }

  /**
   * At nonzero offsets, among NaN (reads would show: NaN wins every window) and sentinels (writes would
   * show), both passes give their zero-offset results over stale output spans.
   */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.pool.PoolCases#all")
  void offsetsSelectTheSpans(long seed, Pool2dShape s) {
    String context = PoolCases.context(seed, s);
    Gen g = new Gen(seed);
    double[] x = PoolCases.distinct(g, s.input().size());
    double[] dy = g.normal(s.output().size(), 0, 1);
    int xOff = 4;
    int yOff = 1;
    double[] xPadded = Padded.embed(x, xOff, 3, Double.NaN);
    double[] dyPadded = Padded.embed(dy, yOff, 2, Double.NaN);

    double[] y = new double[dy.length];
    MaxPoolReference.forward(s, x, 0, y, 0);
    double[] yPadded = Padded.stale(y.length, yOff, 2);
    MaxPoolReference.forward(s, xPadded, xOff, yPadded, yOff);
    assertArrayEquals(Padded.embed(y, yOff, 2, Watched.SENTINEL), yPadded, context + " y");

    double[] dx = new double[x.length];
    MaxPoolReference.backward(s, x, 0, dy, 0, dx, 0);
    double[] dxPadded = Padded.stale(dx.length, xOff, 3);
    MaxPoolReference.backward(s, xPadded, xOff, dyPadded, yOff, dxPadded, xOff);
    assertArrayEquals(Padded.embed(dx, xOff, 3, Watched.SENTINEL), dxPadded, context + " dx");
  }

  private static Pool2dShape withLayout(Pool2dShape s, Layout layout) {
    return new Pool2dShape(s.input().withLayout(layout), s.kernel(), s.stride());
  }
}
