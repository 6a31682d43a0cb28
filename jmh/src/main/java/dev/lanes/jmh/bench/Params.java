package dev.lanes.jmh.bench;

import dev.lanes.reference.Layout;

/** Parsing of the benchmark parameters JMH hands over as strings. */
final class Params {
  private Params() {}

  static Layout layout(String name) {
    for (Layout l : Layout.values()) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("layout: expected NCHW or NHWC, actual " + name);
  }

  /** The method part of JMH's benchmark name "package.Class.method". */
  static String method(String benchmark) {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }
}
