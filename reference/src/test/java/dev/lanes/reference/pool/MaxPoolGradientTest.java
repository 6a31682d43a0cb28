package dev.lanes.reference.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backward pass against central differences of loss = dot(forward(x), r), on inputs without ties
 * where the loss is linear around x.
 */
class MaxPoolGradientTest {
  private static final double STEP = 1e-3;
  private static final double RTOL = 1e-7;
  private static final double ATOL = 1e-9;

  @ParameterizedTest
  @MethodSource("dev.lanes.reference.pool.PoolCases#all")
  void backwardMatchesFiniteDifferences(long seed, Pool2dShape s) {
    String context = PoolCases.context(seed, s);
    Gen g = new Gen(seed);
    double[] x = PoolCases.distinct(g, s.input().size());
    double[] r = g.normal(s.output().size(), 0, 1);
    double[] y = new double[r.length];
    DoubleSupplier loss = () -> {
      MaxPoolReference.forward(s, x, 0, y, 0);
      return Grad.dot(y, r);
    };
    double[] dx = new double[x.length];
    MaxPoolReference.backward(s, x, 0, r, 0, dx, 0);

    Grad.assertClose(context + " dx", Grad.numeric(x, STEP, loss), dx, RTOL, ATOL);
    // Each dy element lands in exactly one place.
    assertEquals(sum(r), sum(dx), 1e-12 * (1 + r.length), context + " sum of dx");
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
