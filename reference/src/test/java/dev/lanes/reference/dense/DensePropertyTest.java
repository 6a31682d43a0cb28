package dev.lanes.reference.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.reference.Layout;
import dev.lanes.reference.conv.Conv2dReference;
import dev.lanes.reference.conv.Conv2dShape;
import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import dev.lanes.reference.support.Padded;
import dev.lanes.reference.support.Watched;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the dense oracle: it is a 1x1 convolution, its backward is the adjoint, spans hold. */
class DensePropertyTest {
  private static final double TOL = 1e-12;

  /**
   * On a 1x1 image, dense(in -> out) is a 1x1 convolution whose (out, in) weights are W transposed; the
   * two oracles, written independently, must agree in every pass.
   */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.dense.DenseCases#all")
  void isAOneByOneConvolution(long seed, int n, int in, int out, boolean withBias) {
    String context = DenseCases.context(seed, n, in, out, withBias);
    Gen g = new Gen(seed);
    double[] x = g.normal(n * in, 0, 1);
    double[] w = g.normal(in * out, 0, 1);
    double[] bias = withBias ? g.normal(out, 0, 1) : null;
    double[] dy = g.normal(n * out, 0, 1);
    double[] wt = new double[w.length];
    for (int k = 0; k < in; k++) {
      for (int o = 0; o < out; o++) {
        wt[o * in + k] = w[k * out + o];
      }
    }
    Conv2dShape s = new Conv2dShape(n, in, 1, 1, out, 1, 1, 1, 0, Layout.NHWC);

    double[] y = new double[dy.length];
    double[] yc = new double[dy.length];
    DenseReference.forward(n, in, out, x, 0, w, bias, y, 0);
    Conv2dReference.forward(s, x, 0, wt, bias, yc, 0);
    Grad.assertClose(context + " y", yc, y, TOL, TOL);

    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    double[] dbias = new double[out];
    DenseReference.backward(n, in, out, x, 0, w, dy, 0, dx, 0, dw, dbias);
    double[] dxc = new double[x.length];
    double[] dwc = new double[w.length];
    double[] dbiasc = new double[out];
    Conv2dReference.backwardData(s, dy, 0, wt, dxc, 0);
    Conv2dReference.backwardWeights(s, x, 0, dy, 0, dwc, dbiasc);
    Grad.assertClose(context + " dx", dxc, dx, TOL, TOL);
    for (int k = 0; k < in; k++) {
      for (int o = 0; o < out; o++) {
        assertEquals(dwc[o * in + k], dw[k * out + o], TOL, context + " dw[" + k + ", " + o + "]");
      }
    }
    Grad.assertClose(context + " dbias", dbiasc, dbias, TOL, TOL);
  }

  /** dot(y, dy) = dot(x, dx) + dot(bias, dbias) = dot(W, dW) + dot(bias, dbias). */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.dense.DenseCases#all")
  void backwardIsTheAdjoint(long seed, int n, int in, int out, boolean withBias) {
    String context = DenseCases.context(seed, n, in, out, withBias);
    Gen g = new Gen(seed);
    double[] x = g.normal(n * in, 0, 1);
    double[] w = g.normal(in * out, 0, 1);
    double[] bias = g.normal(out, 0, 1);
    double[] dy = g.normal(n * out, 0, 1);
    double[] y = new double[dy.length];
    DenseReference.forward(n, in, out, x, 0, w, bias, y, 0);
    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    double[] dbias = new double[out];
    DenseReference.backward(n, in, out, x, 0, w, dy, 0, dx, 0, dw, dbias);

    double lhs = Grad.dot(y, dy);
    double tol = 1e-10 * (1 + Math.abs(lhs));
    assertEquals(lhs, Grad.dot(x, dx) + Grad.dot(bias, dbias), tol, context + " via dx");
    assertEquals(lhs, Grad.dot(w, dw) + Grad.dot(bias, dbias), tol, context + " via dw");
  }

  /**
   * At nonzero offsets, among NaN (reads would show) and sentinels (writes would show), both passes give
   * their zero-offset results over stale output spans; skipping dx and dbias changes nothing else.
   */
  @ParameterizedTest
  @MethodSource("dev.lanes.reference.dense.DenseCases#all")
  void offsetsSelectTheSpans(long seed, int n, int in, int out, boolean withBias) {
    String context = DenseCases.context(seed, n, in, out, withBias);
    Gen g = new Gen(seed);
    double[] x = g.normal(n * in, 0, 1);
    double[] w = g.normal(in * out, 0, 1);
    double[] bias = withBias ? g.normal(out, 0, 1) : null;
    double[] dy = g.normal(n * out, 0, 1);
    int xOff = 2;
    int yOff = 3;
    double[] xPadded = Padded.embed(x, xOff, 3, Double.NaN);
    double[] dyPadded = Padded.embed(dy, yOff, 1, Double.NaN);

    double[] y = new double[dy.length];
    DenseReference.forward(n, in, out, x, 0, w, bias, y, 0);
    double[] yPadded = Padded.stale(y.length, yOff, 2);
    DenseReference.forward(n, in, out, xPadded, xOff, w, bias, yPadded, yOff);
    assertArrayEquals(Padded.embed(y, yOff, 2, Watched.SENTINEL), yPadded, context + " y");

    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    double[] dbias = new double[out];
    DenseReference.backward(n, in, out, x, 0, w, dy, 0, dx, 0, dw, dbias);
    double[] dxPadded = Padded.stale(dx.length, xOff, 1);
    double[] dwStale = Padded.stale(dw.length, 0, 0);
    double[] dbiasStale = Padded.stale(out, 0, 0);
    DenseReference.backward(n, in, out, xPadded, xOff, w, dyPadded, yOff, dxPadded, xOff, dwStale, dbiasStale);
    assertArrayEquals(Padded.embed(dx, xOff, 1, Watched.SENTINEL), dxPadded, context + " dx");
    assertArrayEquals(dw, dwStale, context + " dw");
    assertArrayEquals(dbias, dbiasStale, context + " dbias");

    double[] dwAlone = Padded.stale(dw.length, 0, 0);
    DenseReference.backward(n, in, out, xPadded, xOff, w, dyPadded, yOff, null, 0, dwAlone, null);
    assertArrayEquals(dw, dwAlone, context + " dw without dx and dbias");
  }
}
