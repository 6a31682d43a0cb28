package dev.lanes.jmh.report;

import java.util.List;

/**
 * One kernel result as the report shows it: which pass on which shape, layout, implementation and thread
 * count; the median time per call; the rate it gives; and that rate as a fraction of the limit measured
 * in the same run (NaN when the run has no matching probe).
 *
 * @param order sort key within the family: pass, shape, layout, implementation, threads
 */
record Row(
    String op,
    String shape,
    String layout,
    String impl,
    int threads,
    double seconds,
    double rate,
    double fraction,
    List<Integer> order) {

  /** The label of a chart bar: "B1 NCHW reference", with the threads when more than one. */
  String barLabel() {
    return shape + " " + layout + " " + impl + (threads == 1 ? "" : " " + threads + "T");
  }

  static int compare(Row a, Row b) {
    for (int k = 0; k < a.order.size(); k++) {
      int c = Integer.compare(a.order.get(k), b.order.get(k));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
