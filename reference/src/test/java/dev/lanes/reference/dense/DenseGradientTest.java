package dev.lanes.reference.dense;

import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The backward pass against central differences of loss = dot(forward(x, W, bias), r), which is linear. */
class DenseGradientTest {
  private static final double STEP = 1e-3;
  private static final double RTOL = 1e-7;
  private static final double ATOL = 1e-9;

  @ParameterizedTest
  @MethodSource("dev.lanes.reference.dense.DenseCases#all")
  void backwardMatchesFiniteDifferences(long seed, int n, int in, int out, boolean withBias) {
    String context = DenseCases.context(seed, n, in, out, withBias);
    Gen g = new Gen(seed);
    double[] x = g.normal(n * in, 0, 1);
    double[] w = g.normal(in * out, 0, 1);
    double[] bias = withBias ? g.normal(out, 0, 1) : null;
    double[] r = g.normal(n * out, 0, 1);
    double[] y = new double[r.length];
    DoubleSupplier loss = () -> {
      DenseReference.forward(n, in, out, x, 0, w, bias, y, 0);
      return Grad.dot(y, r);
    };

    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    double[] dbias = withBias ? new double[out] : null;
    DenseReference.backward(n, in, out, x, 0, w, r, 0, dx, 0, dw, dbias);

    Grad.assertClose(context + " dx", Grad.numeric(x, STEP, loss), dx, RTOL, ATOL);
    Grad.assertClose(context + " dw", Grad.numeric(w, STEP, loss), dw, RTOL, ATOL);
    if (withBias) {
      Grad.assertClose(context + " dbias", Grad.numeric(bias, STEP, loss), dbias, RTOL, ATOL);
    }
  }
}
