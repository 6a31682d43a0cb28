package dev.lanes.kernels.internal;

/** Periods of interleaved channels over vector lanes. */
public final class Periods {
  private Periods() {}

  /**
   * The least common multiple of {@code channels} and {@code lanes}: the length after which a stream
   * of interleaved channels lines up with whole vectors again.
   */
  public static int period(int channels, int lanes) {
    return Math.multiplyExact(channels / gcd(channels, lanes), lanes);
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
