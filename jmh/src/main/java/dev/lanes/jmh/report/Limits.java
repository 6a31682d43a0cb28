package dev.lanes.jmh.report;

import dev.lanes.jmh.probe.ProbeWork;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The machine's limits as the probes measured them in the same run: bandwidth in GB/s (STREAM
 * convention) per probe method and thread count, FMA peak in GFLOP/s per thread count, and the preferred
 * vector width the FMA probe recorded.
 */
final class Limits {
  static final String BANDWIDTH_PROBE = "MemoryBandwidthProbe";
  static final String FMA_PROBE = "FmaPeakProbe";
  /** The bandwidth probe batch norm is compared with: triad, like BN, both reads and writes. */
  static final String BN_LIMIT = "triad";

  /** One measured limit: what, on how many threads, time per call and the rate it gives. */
  record Probe(String name, String method, int threads, double seconds, double rate, String unit) {}

  private final List<Probe> probes = new ArrayList<>();
  private final OptionalInt vectorBits;

  Limits(List<RunRecord> records) {
    double bits = Double.NaN;
    for (RunRecord r : records) {
      double s = r.medianSeconds();
      if (r.className().equals(BANDWIDTH_PROBE)) {
        double gbps = ProbeWork.bandwidthBytesPerCall(r.method()) / s / 1e9;
        probes.add(new Probe("bandwidth " + r.method(), r.method(), r.threads(), s, gbps, "GB/s"));
      } else if (r.className().equals(FMA_PROBE)) {
        probes.add(new Probe("f32 FMA peak", r.method(), r.threads(), s,
            ProbeWork.FMA_FLOP_PER_CALL / s / 1e9, "GFLOP/s"));
        double b = r.secondaryMedian("vectorBits");
        if (!Double.isNaN(b)) {
          bits = b;
        }
      }
    }
    probes.sort((a, b) -> a.name().equals(b.name())
        ? Integer.compare(a.threads(), b.threads()) : order(a).compareTo(order(b)));
    vectorBits = Double.isNaN(bits) ? OptionalInt.empty() : OptionalInt.of((int) bits);
  }

  private static String order(Probe p) {
    return (p.unit().equals("GB/s") ? "0" : "1") + switch (p.method()) {
      case "copy" -> "0";
      case "triad" -> "1";
      case "sum" -> "2";
      default -> "3" + p.method();
    };
  }

  List<Probe> probes() {
    return probes;
  }

  /** GB/s of the bandwidth probe method on this many threads, if it was probed. */
  OptionalDouble bandwidth(String method, int threads) {
    return find("GB/s", method, threads);
  }

  /** f32 FMA peak GFLOP/s on this many threads, if it was probed. */
  OptionalDouble fmaPeak(int threads) {
    return find("GFLOP/s", "fma", threads);
  }

  /** The preferred vector width in bits that the FMA probe ran with, if it ran. */
  OptionalInt vectorBits() {
    return vectorBits;
  }

  private OptionalDouble find(String unit, String method, int threads) {
    for (Probe p : probes) {
      if (p.unit().equals(unit) && p.method().equals(method) && p.threads() == threads) {
        return OptionalDouble.of(p.rate());
      }
    }
    return OptionalDouble.empty();
  }
}
