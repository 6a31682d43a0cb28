package dev.lanes.reference.activation;

import static dev.lanes.reference.support.Rejects.assertRejected;
import static dev.lanes.reference.support.Rejects.sentinel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.reference.support.Gen;
import dev.lanes.reference.support.Grad;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationReferenceTest {
  @Test
  void sigmoidKnownValues() {
    double[] x = {0, Math.log(3), -Math.log(3), 1000, -1000, 800, -800};
    double[] y = new double[x.length];
    ActivationReference.sigmoidForward(x, 0, y, 0, x.length);
    // sigmoid(+-ln 3) = 1 / (1 + 1/3) and 1 / (1 + 3); +-1000 saturates to exactly 1 and 0, never NaN.
    Grad.assertClose("sigmoid", new double[] {0.5, 0.75, 0.25, 1, 0, 1, 0}, y, 0, 1e-15);
    assertArrayEquals(new double[] {1, 0, 1, 0}, Arrays.copyOfRange(y, 3, 7), "saturated sigmoid");
  }

  @Test
  void sigmoidBackwardUsesTheOutput() {
    double[] y = {0.5, 0.75, 1, 0};
    double[] dy = {2, 4, 3, 3};
    double[] dx = new double[4];
    ActivationReference.sigmoidBackward(y, 0, dy, 0, dx, 0, 4);
    assertArrayEquals(new double[] {0.5, 0.75, 0, 0}, dx, "dy * y * (1 - y)");
  }

  @Test
  void reluKnownValuesAndZeroDerivativeAtZero() {
    double[] x = {-2, -0.0, 0, 1e-300, 3};
    double[] y = new double[5];
    ActivationReference.reluForward(x, 0, y, 0, 5);
    assertArrayEquals(new double[] {0, 0, 0, 1e-300, 3}, y, "relu");

    double[] dx = new double[5];
    ActivationReference.reluBackward(x, 0, new double[] {5, 5, 5, 5, 5}, 0, dx, 0, 5);
    assertArrayEquals(new double[] {0, 0, 0, 5, 5}, dx, "relu backward, 0 at x == 0");
  }

  @Test
  void forwardInPlaceEqualsOutOfPlace() {
    double[] x = new Gen(7).normal(12, 0, 4);
    double[] expected = new double[12];
    ActivationReference.sigmoidForward(x, 2, expected, 2, 9);
    double[] inPlace = x.clone();
    ActivationReference.sigmoidForward(inPlace, 2, inPlace, 2, 9);
    assertArrayEquals(Arrays.copyOfRange(expected, 2, 11), Arrays.copyOfRange(inPlace, 2, 11), "sigmoid");

    ActivationReference.reluForward(x, 2, expected, 2, 9);
    inPlace = x.clone();
    ActivationReference.reluForward(inPlace, 2, inPlace, 2, 9);
    assertArrayEquals(Arrays.copyOfRange(expected, 2, 11), Arrays.copyOfRange(inPlace, 2, 11), "relu");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void sigmoidBackwardMatchesFiniteDifferences(long seed) {
    Gen gen = new Gen(seed);
    int count = gen.between(1, 40);
    int xOff = gen.between(0, 3);
    int dyOff = gen.between(0, 3);
    int dxOff = gen.between(0, 3);
    String context = "seed " + seed + ", count " + count + ", offsets x " + xOff + " dy " + dyOff + " dx " + dxOff;
    double[] x = gen.normal(xOff + count, 0, 3);
    double[] r = gen.normal(dyOff + count, 0, 1);

    double[] y = new double[count];
    ActivationReference.sigmoidForward(x, xOff, y, 0, count);
    double[] dx = new double[dxOff + count];
    ActivationReference.sigmoidBackward(y, 0, r, dyOff, dx, dxOff, count);

    double[] numeric = Grad.numeric(x, 1e-5, () -> {
      double[] out = new double[count];
      ActivationReference.sigmoidForward(x, xOff, out, 0, count);
      return Grad.dot(out, Arrays.copyOfRange(r, dyOff, dyOff + count));
    });
    Grad.assertClose(context, Arrays.copyOfRange(numeric, xOff, xOff + count),
        Arrays.copyOfRange(dx, dxOff, dxOff + count), 1e-6, 1e-8);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void reluBackwardMatchesFiniteDifferences(long seed) {
    Gen gen = new Gen(seed);
    int count = gen.between(1, 40);
    int xOff = gen.between(0, 3);
    int dxOff = gen.between(0, 3);
    String context = "seed " + seed + ", count " + count + ", offsets x " + xOff + " dx " + dxOff;
    // Magnitudes >= 0.05 keep every x farther from the kink at 0 than the finite-difference step.
    double[] x = gen.uniform(xOff + count, 0.05, 3);
    int[] signs = gen.ints(xOff + count, 2);
    for (int i = 0; i < x.length; i++) {
      x[i] = signs[i] == 0 ? -x[i] : x[i];
    }
    double[] r = gen.normal(count, 0, 1);

    double[] dx = new double[dxOff + count];
    ActivationReference.reluBackward(x, xOff, r, 0, dx, dxOff, count);

    double[] numeric = Grad.numeric(x, 1e-5, () -> {
      double[] out = new double[count];
      ActivationReference.reluForward(x, xOff, out, 0, count);
      return Grad.dot(out, r);
    });
    Grad.assertClose(context, Arrays.copyOfRange(numeric, xOff, xOff + count),
        Arrays.copyOfRange(dx, dxOff, dxOff + count), 1e-6, 1e-8);
  }

  @Test
  void forwardRejectsBadArgumentsWithoutWriting() {
    double[] x = {1, -2, 3};
    double[] y = sentinel(3);
    assertRejected("x", () -> ActivationReference.sigmoidForward(null, 0, y, 0, 3), y);
    assertRejected("x", () -> ActivationReference.reluForward(x, 1, y, 0, 3), y);
    assertRejected("x offset", () -> ActivationReference.sigmoidForward(x, -1, y, 0, 2), y);
    assertRejected("y", () -> ActivationReference.sigmoidForward(x, 0, null, 0, 3));
    assertRejected("y", () -> ActivationReference.reluForward(x, 0, y, 1, 3), y);
    assertRejected("y offset", () -> ActivationReference.reluForward(x, 0, y, -1, 3), y);
    assertRejected("count", () -> ActivationReference.sigmoidForward(x, 0, y, 0, 0), y);
    assertRejected("count", () -> ActivationReference.reluForward(x, 0, y, 0, -1), y);
    double[] shared = {1, 2, 3, 4};
    assertRejected("y offset", () -> ActivationReference.sigmoidForward(shared, 0, shared, 1, 3), shared);
  }

  @Test
  void backwardRejectsBadArgumentsWithoutWriting() {
    double[] in = {0.5, 0.25, 0.125};
    double[] dy = {1, 2, 3};
    double[] dx = sentinel(3);
    assertRejected("y", () -> ActivationReference.sigmoidBackward(null, 0, dy, 0, dx, 0, 3), dx);
    assertRejected("x", () -> ActivationReference.reluBackward(in, 2, dy, 0, dx, 0, 2), dx);
    assertRejected("dy", () -> ActivationReference.sigmoidBackward(in, 0, null, 0, dx, 0, 3), dx);
    assertRejected("dy offset", () -> ActivationReference.reluBackward(in, 0, dy, -2, dx, 0, 3), dx);
    assertRejected("dx", () -> ActivationReference.sigmoidBackward(in, 0, dy, 0, dx, 1, 3), dx);
    assertRejected("dx", () -> ActivationReference.reluBackward(in, 0, dy, 0, null, 0, 3));
    assertRejected("count", () -> ActivationReference.sigmoidBackward(in, 0, dy, 0, dx, 0, 0), dx);
    double[] shared = {1, 2, 3, 4};
    assertRejected("dx offset", () -> ActivationReference.reluBackward(in, 0, shared, 0, shared, 1, 3), shared);
  }
}
