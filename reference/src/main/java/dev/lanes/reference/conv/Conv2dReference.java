package dev.lanes.reference.conv;

import dev.lanes.reference.Args;
import dev.lanes.reference.Shape;

/**
 * Scalar oracle for 2-D convolution. It is a cross-correlation, as in every deep-learning framework: the
 * kernel is not flipped.
 *
 * <p>Axes: the input x is (n, cin, h, w) and the output y is (n, cout, outH, outW), both stored in
 * {@code s.layout()} from their offsets; the weights w are (cout, cin, kh, kw), OIHW for NCHW and OHWI
 * for NHWC ({@link Conv2dShape#weightIndex}), exactly {@code s.weightSize()} elements with no offset; the
 * bias has cout elements or is null. Output (oy, ox) with tap (ky, kx) reads input (iy, ix) =
 * (oy * stride - pad + ky, ox * stride - pad + kx); positions outside the input are zeros.
 *
 * <p>Every method reads only the spans it is given, overwrites its outputs' spans completely, and
 * validates every argument before writing anything (an {@link IllegalArgumentException} names the
 * argument, the expected and the actual value). An output may not be the same array as an input.
 */
public final class Conv2dReference {
  private Conv2dReference() {}

  /**
   * y[n, o, oy, ox] = bias[o] + sum over (i, ky, kx) of x[n, i, iy, ix] * w[o, i, ky, kx].
   * Reads x, w and bias (nullable: no bias); writes y.
   */
  public static void forward(
      Conv2dShape s, double[] x, int xOff, double[] w, double[] bias, double[] y, int yOff) {
    requireShape(s);
    Shape in = s.input();
    Shape out = s.output();
    Args.span("x", x, xOff, in.size());
    Args.vector("w", w, s.weightSize(), false);
    Args.vector("bias", bias, s.cout(), true);
    Args.span("y", y, yOff, out.size());
    Args.distinct("y", y, "x", x);
    Args.distinct("y", y, "w", w);
    Args.distinct("y", y, "bias", bias);

    for (int n = 0; n < s.n(); n++) {
      for (int o = 0; o < s.cout(); o++) {
        for (int oy = 0; oy < s.outH(); oy++) {
          for (int ox = 0; ox < s.outW(); ox++) {
            double sum = 0;
            for (int i = 0; i < s.cin(); i++) {
              for (int ky = 0; ky < s.kh(); ky++) {
                for (int kx = 0; kx < s.kw(); kx++) {
                  int iy = oy * s.stride() - s.pad() + ky;
                  int ix = ox * s.stride() - s.pad() + kx;
                  if (iy >= 0 && iy < s.h() && ix >= 0 && ix < s.w()) {
                    sum += x[xOff + in.index(n, i, iy, ix)] * w[s.weightIndex(o, i, ky, kx)];
                  }
                }
              }
            }
            y[yOff + out.index(n, o, oy, ox)] = bias == null ? sum : sum + bias[o];
          }
        }
      }
    }
  }

  /**
   * dx[n, i, iy, ix] = sum of dy[n, o, oy, ox] * w[o, i, ky, kx] over every (o, oy, ox, ky, kx) whose
   * forward tap read input (iy, ix). Reads dy and w; writes dx.
   */
  public static void backwardData(
      Conv2dShape s, double[] dy, int dyOff, double[] w, double[] dx, int dxOff) {
    requireShape(s);
    Shape in = s.input();
    Shape out = s.output();
    Args.span("dy", dy, dyOff, out.size());
    Args.vector("w", w, s.weightSize(), false);
    Args.span("dx", dx, dxOff, in.size());
    Args.distinct("dx", dx, "dy", dy);
    Args.distinct("dx", dx, "w", w);

    for (int n = 0; n < s.n(); n++) {
      for (int i = 0; i < s.cin(); i++) {
        for (int iy = 0; iy < s.h(); iy++) {
          for (int ix = 0; ix < s.w(); ix++) {
            double sum = 0;
            for (int o = 0; o < s.cout(); o++) {
              for (int ky = 0; ky < s.kh(); ky++) {
                int oy = reader(iy, ky, s.stride(), s.pad(), s.outH());
                for (int kx = 0; kx < s.kw(); kx++) {
                  int ox = reader(ix, kx, s.stride(), s.pad(), s.outW());
                  if (oy >= 0 && ox >= 0) {
                    sum += dy[dyOff + out.index(n, o, oy, ox)] * w[s.weightIndex(o, i, ky, kx)];
                  }
                }
              }
            }
            dx[dxOff + in.index(n, i, iy, ix)] = sum;
          }
        }
      }
    }
  }

  /**
   * dw[o, i, ky, kx] = sum over (n, oy, ox) of dy[n, o, oy, ox] * x[n, i, iy, ix];
   * dbias[o] = sum over (n, oy, ox) of dy[n, o, oy, ox]. Reads x and dy; writes dw and dbias (nullable:
   * not computed).
   */
  public static void backwardWeights(
      Conv2dShape s, double[] x, int xOff, double[] dy, int dyOff, double[] dw, double[] dbias) {
    requireShape(s);
    Shape in = s.input();
    Shape out = s.output();
    Args.span("x", x, xOff, in.size());
    Args.span("dy", dy, dyOff, out.size());
    Args.vector("dw", dw, s.weightSize(), false);
    Args.vector("dbias", dbias, s.cout(), true);
    Args.distinct("dw", dw, "x", x);
    Args.distinct("dw", dw, "dy", dy);
    Args.distinct("dbias", dbias, "x", x);
    Args.distinct("dbias", dbias, "dy", dy);
    Args.distinct("dbias", dbias, "dw", dw);

    for (int o = 0; o < s.cout(); o++) {
      for (int i = 0; i < s.cin(); i++) {
        for (int ky = 0; ky < s.kh(); ky++) {
          for (int kx = 0; kx < s.kw(); kx++) {
            double sum = 0;
            for (int n = 0; n < s.n(); n++) {
              for (int oy = 0; oy < s.outH(); oy++) {
                for (int ox = 0; ox < s.outW(); ox++) {
                  int iy = oy * s.stride() - s.pad() + ky;
                  int ix = ox * s.stride() - s.pad() + kx;
                  if (iy >= 0 && iy < s.h() && ix >= 0 && ix < s.w()) {
                    sum += dy[dyOff + out.index(n, o, oy, ox)] * x[xOff + in.index(n, i, iy, ix)];
                  }
                }
              }
            }
            dw[s.weightIndex(o, i, ky, kx)] = sum;
          }
        }
      }
    }
    if (dbias != null) {
      for (int o = 0; o < s.cout(); o++) {
        double sum = 0;
        for (int n = 0; n < s.n(); n++) {
          for (int oy = 0; oy < s.outH(); oy++) {
            for (int ox = 0; ox < s.outW(); ox++) {
              sum += dy[dyOff + out.index(n, o, oy, ox)];
            }
          }
        }
        dbias[o] = sum;
      }
    }
  }

  /**
   * The output coordinate whose tap {@code k} reads input coordinate {@code i} (the inverse of
   * i = o * stride - pad + k), or -1 when none does: the stride skips {@code i} or o is out of range.
   */
  private static int reader(int i, int k, int stride, int pad, int outExtent) {
    int t = i + pad - k;
    if (t < 0 || t % stride != 0 || t / stride >= outExtent) {
      return -1;
    }
    return t / stride;
  }

  private static void requireShape(Conv2dShape s) {
    if (s == null) {
      throw new IllegalArgumentException("s: expected a Conv2dShape, actual null");
    }
  }
}
