package dev.lanes.reference.conv;

import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both backward passes against central differences of loss = dot(forward(x, w, bias), r). The loss is
 * linear in each argument, so the differences are exact up to rounding and the tolerance can be tight.
 */
class Conv2dGradientTest {
  private static final double STEP = 1e-3;
  private static final double RTOL = 1e-7;
  private static final double ATOL = 1e-9;

  @ParameterizedTest
  @MethodSource("dev.lanes.reference.conv.ConvCases#all")
  void backwardMatchesFiniteDifferences(long seed, Conv2dShape s) {
    String context = ConvCases.context(seed, s);
    Gen g = new Gen(seed);
    double[] x = g.normal(s.input().size(), 0, 1);
    double[] w = g.normal(s.weightSize(), 0, 1);
    double[] bias = g.normal(s.cout(), 0, 1);
    double[] r = g.normal(s.output().size(), 0, 1);
    double[] y = new double[r.length];
    DoubleSupplier loss = () -> {
      Conv2dReference.forward(s, x, 0, w, bias, y, 0);
      return Grad.dot(y, r);
    };

    double[] dx = new double[x.length];
    Conv2dReference.backwardData(s, r, 0, w, dx, 0);
    double[] dw = new double[w.length];
    double[] dbias = new double[bias.length];
    Conv2dReference.backwardWeights(s, x, 0, r, 0, dw, dbias);

    Grad.assertClose(context + " dx", Grad.numeric(x, STEP, loss), dx, RTOL, ATOL);
    Grad.assertClose(context + " dw", Grad.numeric(w, STEP, loss), dw, RTOL, ATOL);
    Grad.assertClose(context + " dbias", Grad.numeric(bias, STEP, loss), dbias, RTOL, ATOL);
  }
}
