package dev.lanes.jmh.report;

import dev.lanes.jmh.shapes.BatchNormOp;
import dev.lanes.jmh.shapes.BatchNormShape;
import dev.lanes.jmh.shapes.ConvOp;
import dev.lanes.jmh.shapes.ConvShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Turns the kernel benchmarks' records into report rows with rates and fractions of the limits. */
final class Rows {
  private Rows() {}

  static final String BN_BENCH = "BatchNormBench";
  static final String CONV_BENCH = "ConvBench";
  /** Implementations in the order reports list them; others follow alphabetically. */
  private static final List<String> IMPL_ORDER = List.of("reference", "scalar", "panama");

  /**
   * Batch-norm rows: GB/s with BENCHMARKING.md's bytes per element, fraction of the triad bandwidth on
   * the same thread count. B3 is shown once, as 2-D: its NCHW result, else its NHWC one.
   */
  static List<Row> batchNorm(List<RunRecord> records, Limits limits) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (RunRecord r : records) {
      if (!r.className().equals(BN_BENCH)) {
        continue;
      }
      BatchNormOp op = BatchNormOp.byMethod(r.method());
      BatchNormShape shape = BatchNormShape.byId(r.param("shape"));
      String layout = shape.is2d() ? "2-D" : r.param("layout");
      double s = r.medianSeconds();
      double gbps = op.bytesPerElement() * (double) shape.elements() / s / 1e9;
      OptionalDouble limit = limits.bandwidth(Limits.BN_LIMIT, r.threads());
      Row row = new Row(op.label(), shape.name(), layout, r.param("impl"), r.threads(), s, gbps,
          limit.isPresent() ? gbps / limit.getAsDouble() : Double.NaN,
          List.of(op.ordinal(), shape.ordinal(), layoutOrder(layout), implOrder(r.param("impl")), r.threads()));
      String key = row.op() + "|" + row.shape() + "|" + row.layout() + "|" + row.impl() + "|" + row.threads();
      if (!rows.containsKey(key) || "NCHW".equals(r.param("layout"))) {
        rows.put(key, row);
      }
    }
    return sorted(rows.values());
  }

  /** Convolution rows: GFLOP/s with the shape's FLOP count, fraction of the FMA peak on the same threads. */
  static List<Row> conv(List<RunRecord> records, Limits limits) {
    List<Row> rows = new ArrayList<>();
    for (RunRecord r : records) {
      if (!r.className().equals(CONV_BENCH)) {
        continue;
      }
      ConvOp op = ConvOp.byMethod(r.method());
      ConvShape shape = ConvShape.byId(r.param("shape"));
      double s = r.medianSeconds();
      double gflops = shape.flops() / s / 1e9;
      OptionalDouble limit = limits.fmaPeak(r.threads());
      rows.add(new Row(op.label(), shape.name(), r.param("layout"), r.param("impl"), r.threads(), s, gflops,
          limit.isPresent() ? gflops / limit.getAsDouble() : Double.NaN,
          List.of(op.ordinal(), shape.ordinal(), layoutOrder(r.param("layout")), implOrder(r.param("impl")),
              r.threads())));
    }
    return sorted(rows);
  }

  private static List<Row> sorted(java.util.Collection<Row> rows) {
    List<Row> list = new ArrayList<>(rows);
    list.sort((a, b) -> {
      int c = Row.compare(a, b);
      return c != 0 ? c : a.impl().compareTo(b.impl());
    });
    return list;
  }

  private static int layoutOrder(String layout) {
    return switch (layout) {
      case "NCHW" -> 0;
      case "NHWC" -> 1;
      default -> 2;
    };
  }

  private static int implOrder(String impl) {
    int i = IMPL_ORDER.indexOf(impl);
    return i >= 0 ? i : IMPL_ORDER.size();
  }
}
