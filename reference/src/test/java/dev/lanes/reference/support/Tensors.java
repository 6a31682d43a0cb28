package dev.lanes.reference.support;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;
import java.util.Arrays;

/** Layout changes and small conveniences for tests. */
public final class Tensors {
  private Tensors() {}

  /** The tensor x of shape s, rewritten in layout {@code to}. */
  public static double[] transpose(Shape s, double[] x, Layout to) {
    Shape t = s.withLayout(to);
    double[] out = new double[s.size()];
    for (int n = 0; n < s.n(); n++) {
      for (int c = 0; c < s.c(); c++) {
        for (int h = 0; h < s.h(); h++) {
          for (int w = 0; w < s.w(); w++) {
            out[t.index(n, c, h, w)] = x[s.index(n, c, h, w)];
          }
        }
      }
    }
    return out;
  }

  /** An array of {@code count} copies of {@code value}, e.g. a sentinel to detect stray writes. */
  public static double[] filled(int count, double value) {
    double[] a = new double[count];
    Arrays.fill(a, value);
    return a;
  }
}
