package dev.lanes.jmh.probe;

/**
 * The fixed amount of work one call of a limit probe does, shared by the probes and the report that turns
 * their times per call into GB/s and GFLOP/s. Free of {@code jdk.incubator.vector} so the report can read
 * it on any JVM.
 */
public final class ProbeWork {
  private ProbeWork() {}

  /** Floats per bandwidth array: 64 Mi = 256 MiB, eight times the 32 MiB L3. */
  public static final int STREAM_LENGTH = 64 << 20;

  /** STREAM convention (no write-allocate traffic): copy reads a and writes c. */
  public static final int COPY_BYTES_PER_ELEMENT = 8;
  /** Triad reads b and c and writes a. */
  public static final int TRIAD_BYTES_PER_ELEMENT = 12;
  /** Sum reads a. */
  public static final int SUM_BYTES_PER_ELEMENT = 4;

  /** Independent FMA accumulator chains; Zen 4 needs latency 4 x 2 pipes = 8 to saturate 256-bit FMA. */
  public static final int FMA_CHAINS = 12;
  /**
   * Lane-FMAs per chain and call: iterations per call = this / lanes, so a call does the same FLOP on
   * every vector width (16 Mi lane-FMAs per chain: 2^20 iterations of 16 lanes at 512 bits).
   */
  public static final int FMA_LANE_OPS_PER_CHAIN = 1 << 24;
  /** FLOP of one call of the FMA probe: 2 per lane per fma. */
  public static final long FMA_FLOP_PER_CALL = 2L * FMA_CHAINS * FMA_LANE_OPS_PER_CHAIN;

  /** Bytes one call of the bandwidth probe method {@code method} moves (STREAM convention). */
  public static long bandwidthBytesPerCall(String method) {
    int perElement = switch (method) {
      case "copy" -> COPY_BYTES_PER_ELEMENT;
      case "triad" -> TRIAD_BYTES_PER_ELEMENT;
      case "sum" -> SUM_BYTES_PER_ELEMENT;
      default -> throw new IllegalArgumentException(
          "bandwidth probe method: expected copy, triad or sum, actual " + method);
    };
    return (long) perElement * STREAM_LENGTH;
  }
}
