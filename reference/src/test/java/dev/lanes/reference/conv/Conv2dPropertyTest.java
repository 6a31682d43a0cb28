package dev.lanes.reference.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.reference.Layout;
import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import dev.lanes.reference.support.Padded;
import dev.lanes.reference.support.Transpose;
import dev.lanes.reference.support.Watched;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties that hold for every convolution: layout independence, linearity, adjointness, spans. */
class Conv2dPropertyTest {
  private static final double TOL = 1e-12;

  /** NHWC/OHWI gives the NCHW/OIHW results once inputs, weights and outputs are transposed. */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.conv.ConvCases#all")
  void layoutsAgree(long seed, Conv2dShape shape) {
    Conv2dShape s = shape.withLayout(Layout.NCHW);
    Conv2dShape t = shape.withLayout(Layout.NHWC);
    String context = ConvCases.context(seed, s);
    Gen g = new Gen(seed);
    double[] x = g.normal(s.input().size(), 0, 1);
    double[] w = g.normal(s.weightSize(), 0, 1);
    double[] bias = g.normal(s.cout(), 0, 1);
    double[] dy = g.normal(s.output().size(), 0, 1);
    double[] xt = Transpose.nchwToNhwc(s.n(), s.cin(), s.h(), s.w(), x);
    double[] wt = Transpose.oihwToOhwi(s.cout(), s.cin(), s.kh(), s.kw(), w);
    double[] dyt = Transpose.nchwToNhwc(s.n(), s.cout(), s.outH(), s.outW(), dy);

    double[] y = new double[dy.length];
    double[] yt = new double[dy.length];
    Conv2dReference.forward(s, x, 0, w, bias, y, 0);
    Conv2dReference.forward(t, xt, 0, wt, bias, yt, 0);
    Grad.assertClose(context + " y", y,
        Transpose.nhwcToNchw(s.n(), s.cout(), s.outH(), s.outW(), yt), TOL, TOL);

    double[] dx = new double[x.length];
    double[] dxt = new double[x.length];
    Conv2dReference.backwardData(s, dy, 0, w, dx, 0);
    Conv2dReference.backwardData(t, dyt, 0, wt, dxt, 0);
    Grad.assertClose(context + " dx", dx, Transpose.nhwcToNchw(s.n(), s.cin(), s.h(), s.w(), dxt), TOL, TOL);

    double[] dw = new double[w.length];
    double[] dwt = new double[w.length];
    double[] dbias = new double[bias.length];
    double[] dbiast = new double[bias.length];
    Conv2dReference.backwardWeights(s, x, 0, dy, 0, dw, dbias);
    Conv2dReference.backwardWeights(t, xt, 0, dyt, 0, dwt, dbiast);
    Grad.assertClose(context + " dw", dw, Transpose.ohwiToOihw(s.cout(), s.cin(), s.kh(), s.kw(), dwt), TOL, TOL);
    Grad.assertClose(context + " dbias", dbias, dbiast, TOL, TOL);
  }

  /** Without bias, conv(a x1 + b x2, w) = a conv(x1, w) + b conv(x2, w), and likewise in w. */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.conv.ConvCases#all")
  void linearInInputAndInWeights(long seed, Conv2dShape s) {
    String context = ConvCases.context(seed, s);
    Gen g = new Gen(seed);
    double[] x1 = g.normal(s.input().size(), 0, 1);
    double[] x2 = g.normal(s.input().size(), 0, 1);
    double[] w1 = g.normal(s.weightSize(), 0, 1);
    double[] w2 = g.normal(s.weightSize(), 0, 1);
    double a = g.uniform(1, -2, 2)[0];
    double b = g.uniform(1, -2, 2)[0];

    double[] expected = combine(a, forward(s, x1, w1), b, forward(s, x2, w1));
    Grad.assertClose(context + " linear in x", expected, forward(s, combine(a, x1, b, x2), w1), TOL, TOL);
    expected = combine(a, forward(s, x1, w1), b, forward(s, x1, w2));
    Grad.assertClose(context + " linear in w", expected, forward(s, x1, combine(a, w1, b, w2)), TOL, TOL);
  }

  /**
   * dot(y, dy) = dot(x, dx) + dot(bias, dbias) = dot(w, dw) + dot(bias, dbias): the backward passes are
   * the adjoints of the forward pass, checked as a whole rather than element by element.
   */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.conv.ConvCases#all")
  void backwardIsTheAdjoint(long seed, Conv2dShape s) {
    String context = ConvCases.context(seed, s);
    Gen g = new Gen(seed);
    double[] x = g.normal(s.input().size(), 0, 1);
    double[] w = g.normal(s.weightSize(), 0, 1);
    double[] bias = g.normal(s.cout(), 0, 1);
    double[] dy = g.normal(s.output().size(), 0, 1);
    double[] y = new double[dy.length];
    Conv2dReference.forward(s, x, 0, w, bias, y, 0);
    double[] dx = new double[x.length];
    Conv2dReference.backwardData(s, dy, 0, w, dx, 0);
    double[] dw = new double[w.length];
    double[] dbias = new double[bias.length];
    Conv2dReference.backwardWeights(s, x, 0, dy, 0, dw, dbias);

    double lhs = Grad.dot(y, dy);
    double tol = 1e-10 * (1 + Math.abs(lhs));
    assertEquals(lhs, Grad.dot(x, dx) + Grad.dot(bias, dbias), tol, context + " via dx");
    assertEquals(lhs, Grad.dot(w, dw) + Grad.dot(bias, dbias), tol, context + " via dw");
  }

  /**
   * At nonzero offsets, inside arrays whose other elements are NaN (a read of them would show) or a
   * sentinel (a write to them would show), each pass gives its zero-offset result and overwrites stale
   * values in its output span.
   */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.conv.ConvCases#all")
  void offsetsSelectTheSpans(long seed, Conv2dShape s) {
    String context = ConvCases.context(seed, s);
    Gen g = new Gen(seed);
    double[] x = g.normal(s.input().size(), 0, 1);
    double[] w = g.normal(s.weightSize(), 0, 1);
    double[] bias = g.normal(s.cout(), 0, 1);
    double[] dy = g.normal(s.output().size(), 0, 1);
    int xOff = 3;
    int yOff = 5;
    double[] xPadded = Padded.embed(x, xOff, 2, Double.NaN);
    double[] dyPadded = Padded.embed(dy, yOff, 1, Double.NaN);

    double[] y = new double[dy.length];
    Conv2dReference.forward(s, x, 0, w, bias, y, 0);
    double[] yPadded = Padded.stale(y.length, yOff, 4);
    Conv2dReference.forward(s, xPadded, xOff, w, bias, yPadded, yOff);
    assertArrayEquals(Padded.embed(y, yOff, 4, Watched.SENTINEL), yPadded, context + " y");

    double[] dx = new double[x.length];
    Conv2dReference.backwardData(s, dy, 0, w, dx, 0);
    double[] dxPadded = Padded.stale(dx.length, xOff, 2);
    Conv2dReference.backwardData(s, dyPadded, yOff, w, dxPadded, xOff);
    assertArrayEquals(Padded.embed(dx, xOff, 2, Watched.SENTINEL), dxPadded, context + " dx");

    double[] dw = new double[w.length];
    double[] dbias = new double[bias.length];
    Conv2dReference.backwardWeights(s, x, 0, dy, 0, dw, dbias);
    double[] dwStale = Padded.stale(w.length, 0, 0);
    double[] dbiasStale = Padded.stale(bias.length, 0, 0);
    Conv2dReference.backwardWeights(s, xPadded, xOff, dyPadded, yOff, dwStale, dbiasStale);
    assertArrayEquals(dw, dwStale, context + " dw");
    assertArrayEquals(dbias, dbiasStale, context + " dbias");
  }

  private static double[] forward(Conv2dShape s, double[] x, double[] w) {
    double[] y = new double[s.output().size()];
    Conv2dReference.forward(s, x, 0, w, null, y, 0);
    return y;
  }

  private static double[] combine(double a, double[] u, double b, double[] v) {
    double[] r = new double[u.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a * u[i] + b * v[i];
    }
    return r;
  }
}
