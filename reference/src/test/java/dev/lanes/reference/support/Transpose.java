package dev.lanes.reference.support;

import dev.lanes.reference.Layout;
import dev.lanes.reference.Shape;

/**
 * Layout changes for the tests, with the index formulas written out rather than taken from
 * {@code Shape.index} or {@code Conv2dShape.weightIndex}, so that a wrong index there cannot cancel.
 */
public final class Transpose {
  private Transpose() {}

  /** The tensor {@code x} of shape {@code s}, rewritten in layout {@code to} (a copy if it is already). */
  public static double[] to(Shape s, double[] x, Layout to) {
    if (x.length != s.size()) {
      throw new IllegalArgumentException(
          "x: expected " + s.size() + " elements for " + s + ", actual " + x.length);
    }
    if (s.layout() == to) {
      return x.clone();
    }
    return s.layout() == Layout.NCHW
        ? nchwToNhwc(s.n(), s.c(), s.h(), s.w(), x)
        : nhwcToNchw(s.n(), s.c(), s.h(), s.w(), x);
  }

  /** (n, c, h, w) from NCHW to NHWC. */
  public static double[] nchwToNhwc(int n, int c, int h, int w, double[] a) {
    double[] b = new double[a.length];
    for (int in = 0; in < n; in++) {
      for (int ic = 0; ic < c; ic++) {
        for (int ih = 0; ih < h; ih++) {
          for (int iw = 0; iw < w; iw++) {
            b[((in * h + ih) * w + iw) * c + ic] = a[((in * c + ic) * h + ih) * w + iw];
          }
        }
      }
    }
    return b;
  }

  /** (n, c, h, w) from NHWC to NCHW. */
  public static double[] nhwcToNchw(int n, int c, int h, int w, double[] a) {
    double[] b = new double[a.length];
    for (int in = 0; in < n; in++) {
      for (int ic = 0; ic < c; ic++) {
        for (int ih = 0; ih < h; ih++) {
          for (int iw = 0; iw < w; iw++) {
            b[((in * c + ic) * h + ih) * w + iw] = a[((in * h + ih) * w + iw) * c + ic];
          }
        }
      }
    }
    return b;
  }

  /** Weights (o, i, kh, kw) from OIHW to OHWI: the same move as NCHW to NHWC with o as the batch. */
  public static double[] oihwToOhwi(int o, int i, int kh, int kw, double[] a) {
    return nchwToNhwc(o, i, kh, kw, a);
  }

  /** Weights (o, i, kh, kw) from OHWI to OIHW. */
  public static double[] ohwiToOihw(int o, int i, int kh, int kw, double[] a) {
    return nhwcToNchw(o, i, kh, kw, a);
  }
}
