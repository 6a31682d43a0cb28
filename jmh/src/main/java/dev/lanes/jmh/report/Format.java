package dev.lanes.jmh.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formats of the report: about three significant digits, thousands separated. */
final class Format {
  private Format() {}

  /** A positive quantity with about three significant digits: 12,417 / 408 / 40.1 / 5.23 / 0.0123. */
  static String sig3(double v) {
    // Choose the format by the value as it will print: 99.99999 is "100", not "100.0".
    double a = v == 0 || !Double.isFinite(v)
        ? Math.abs(v) : new BigDecimal(Math.abs(v)).round(new MathContext(3)).doubleValue();
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1 || a == 0) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** A fraction as a percentage: 0.8312 -> "83%", 0.0412 -> "4.1%", 0.00123 -> "0.12%". */
  static String percent(double fraction) {
    double p = 100 * fraction;
    if (p >= 10) {
      return String.format(Locale.ROOT, "%.0f%%", p);
    }
    if (p >= 1) {
      return String.format(Locale.ROOT, "%.1f%%", p);
    }
    return String.format(Locale.ROOT, "%.2f%%", p);
  }

  /** An element count with thousands separators, as BENCHMARKING.md writes them. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
