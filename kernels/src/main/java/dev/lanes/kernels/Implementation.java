package dev.lanes.kernels;

/** The two implementations behind every kernel interface. */
public enum Implementation {
  /** Vector API kernels ({@code jdk.incubator.vector}). */
  PANAMA,
  /** Plain Java, the fallback when the Vector API is not readable. */
  SCALAR
}
