package dev.lanes.reference.optim;

import dev.lanes.reference.Args;

/**
 * One RMSprop step, element by element over {@code count} elements from index 0:
 *
 * <pre>
 *   v = rho * v + (1 - rho) * g^2
 *   w = w - lr * g / (sqrt(v) + eps)
 * </pre>
 *
 * Reads {@code g}; reads and writes {@code w} and {@code v} (the optimizer state, zero before the first
 * step). The defaults are Keras'. Note where eps sits: outside the square root, as in PyTorch; Keras 3
 * (and tf.keras' fused op) divide by {@code sqrt(v + eps)} instead, which differs noticeably once
 * {@code |g|} is below about {@code sqrt(eps)}, 3e-4 with the default eps.
 */
public final class RmsPropReference {
  public static final double DEFAULT_LR = 0.001;
  public static final double DEFAULT_RHO = 0.9;
  public static final double DEFAULT_EPS = 1e-7;

  private RmsPropReference() {}

  /**
   * Updates {@code v} and then {@code w} in place from {@code g}; requires three distinct arrays of at
   * least {@code count} elements, {@code lr > 0}, {@code rho} in {@code [0, 1)}, {@code eps > 0}.
   */
  public static void step(double[] w, double[] g, double[] v, int count, double lr, double rho, double eps) {
    Args.positive("count", count);
    Args.span("w", w, 0, count);
    Args.span("g", g, 0, count);
    Args.span("v", v, 0, count);
    Args.distinct("w", w, "g", g);
    Args.distinct("w", w, "v", v);
    Args.distinct("g", g, "v", v);
    Args.positive("lr", lr);
    if (!(rho >= 0 && rho < 1)) {
      throw new IllegalArgumentException("rho: expected in [0, 1), actual " + rho);
    }
    Args.positive("eps", eps);
    for (int i = 0; i < count; i++) {
      v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
      w[i] -= lr * g[i] / (Math.sqrt(v[i]) + eps);
    }
  }
}
