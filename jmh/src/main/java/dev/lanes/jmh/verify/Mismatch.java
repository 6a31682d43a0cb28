package dev.lanes.jmh.verify;

/** Compares one result with its expectation and throws a message that says where and by how much. */
final class Mismatch {
  private Mismatch() {}

  /**
   * Requires |actual - expected| <= tolerance (and both finite).
   *
   * @param what names the case and the element, e.g. "64x16x8x8 NCHW forward training: y[17]"
   */
  static void require(String what, double expected, double actual, double tolerance) {
    if (!(Math.abs(actual - expected) <= tolerance)) {
      throw new IllegalStateException("benchmark check failed: " + what + ": expected " + expected
          + ", actual " + actual + " (tolerance " + tolerance + ")");
    }
  }
}
