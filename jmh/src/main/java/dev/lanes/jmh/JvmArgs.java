package dev.lanes.jmh;

/**
 * The fork arguments every benchmark and probe appends, as constants so that the {@code @Fork}
 * annotations cannot drift apart: the Vector API module and one fixed heap (-Xms = -Xmx).
 */
public final class JvmArgs {
  private JvmArgs() {}

  /** Makes {@code jdk.incubator.vector} readable. */
  public static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
  /** Initial heap, equal to the maximum so that heap resizing never lands in a measurement. */
  public static final String XMS = "-Xms4g";
  /** Maximum heap: the largest benchmark state (three 256 MiB probe arrays, B5 in double) fits. */
  public static final String XMX = "-Xmx4g";
}
