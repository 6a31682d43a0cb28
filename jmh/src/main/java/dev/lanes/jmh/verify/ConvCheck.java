package dev.lanes.jmh.verify;

import dev.lanes.jmh.impl.ConvImpl;
import dev.lanes.jmh.impl.ConvProblem;
import dev.lanes.jmh.shapes.ConvOp;
import dev.lanes.reference.Layout;
import dev.lanes.reference.conv.Conv2dShape;
import java.util.SplittableRandom;

/**
 * Checks a convolution implementation's last results at sample points (the four corners of the index
 * space and seeded random points, so padded borders are included) against direct dot products computed
 * here, in double, from the problem's f32 inputs, with this class's own indexing. dbias is checked for
 * every output channel. The tolerance is relative to the sum of the magnitudes of the products.
 */
public final class ConvCheck {
  private ConvCheck() {}

  private static final int RANDOM_POINTS = 28;
  private static final double RELATIVE = 2e-4;
  private static final double ABSOLUTE = 1e-6;

  /** Checks the results of {@code op}, which the caller has just run on impl; throws on a mismatch. */
  public static void check(ConvOp op, ConvProblem p, ConvImpl impl) {
    Conv2dShape s = p.shape();
    SplittableRandom random = new SplittableRandom(0x5eed);
    switch (op) {
      case FORWARD -> {
        int[] ext = {s.n(), s.cout(), s.outH(), s.outW()};
        for (int k = 0; k < 4 + RANDOM_POINTS; k++) {
          int[] at = point(ext, k, random);
          checkForward(p, impl, at[0], at[1], at[2], at[3]);
        }
      }
      case BACKWARD_DATA -> {
        int[] ext = {s.n(), s.cin(), s.h(), s.w()};
        for (int k = 0; k < 4 + RANDOM_POINTS; k++) {
          int[] at = point(ext, k, random);
          checkBackwardData(p, impl, at[0], at[1], at[2], at[3]);
        }
      }
      case BACKWARD_WEIGHTS -> {
        int[] ext = {s.cout(), s.cin(), s.kh(), s.kw()};
        for (int k = 0; k < 4 + RANDOM_POINTS; k++) {
          int[] at = point(ext, k, random);
          checkBackwardWeights(p, impl, at[0], at[1], at[2], at[3]);
        }
        checkBias(p, impl);
      }
    }
  }

  /** Point k of a 4-D index space: k = 0..3 are corners (all low, all high, and two mixed), then random. */
  private static int[] point(int[] ext, int k, SplittableRandom random) {
    int[] at = new int[4];
    for (int d = 0; d < 4; d++) {
      at[d] = switch (k) {
        case 0 -> 0;
        case 1 -> ext[d] - 1;
        case 2 -> d % 2 == 0 ? 0 : ext[d] - 1;
        case 3 -> d % 2 == 0 ? ext[d] - 1 : 0;
        default -> random.nextInt(ext[d]);
      };
    }
    return at;
  }

  private static void checkForward(ConvProblem p, ConvImpl impl, int n, int o, int oh, int ow) {
    Conv2dShape s = p.shape();
    double sum = p.bias()[o];
    double magnitude = Math.abs(sum);
    for (int i = 0; i < s.cin(); i++) {
      for (int ky = 0; ky < s.kh(); ky++) {
        for (int kx = 0; kx < s.kw(); kx++) {
          int ih = oh * s.stride() - s.pad() + ky;
          int iw = ow * s.stride() - s.pad() + kx;
          if (ih >= 0 && ih < s.h() && iw >= 0 && iw < s.w()) {
            double t = (double) p.x()[activation(s, n, i, ih, iw, s.cin(), s.h(), s.w())]
                * p.w()[weight(s, o, i, ky, kx)];
            sum += t;
            magnitude += Math.abs(t);
          }
        }
      }
    }
    int at = activation(s, n, o, oh, ow, s.cout(), s.outH(), s.outW());
    Mismatch.require(where(s, "forward", "y", n, o, oh, ow), sum, impl.y(at), tolerance(magnitude));
  }

  private static void checkBackwardData(ConvProblem p, ConvImpl impl, int n, int i, int ih, int iw) {
    Conv2dShape s = p.shape();
    double sum = 0;
    double magnitude = 0;
    for (int o = 0; o < s.cout(); o++) {
      for (int ky = 0; ky < s.kh(); ky++) {
        for (int kx = 0; kx < s.kw(); kx++) {
          int sy = ih + s.pad() - ky;
          int sx = iw + s.pad() - kx;
          if (sy < 0 || sx < 0 || sy % s.stride() != 0 || sx % s.stride() != 0) {
            continue;
          }
          int oh = sy / s.stride();
          int ow = sx / s.stride();
          if (oh < s.outH() && ow < s.outW()) {
            double t = (double) p.dy()[activation(s, n, o, oh, ow, s.cout(), s.outH(), s.outW())]
                * p.w()[weight(s, o, i, ky, kx)];
            sum += t;
            magnitude += Math.abs(t);
          }
        }
      }
    }
    int at = activation(s, n, i, ih, iw, s.cin(), s.h(), s.w());
    Mismatch.require(where(s, "backward-data", "dx", n, i, ih, iw), sum, impl.dx(at), tolerance(magnitude));
  }

  private static void checkBackwardWeights(ConvProblem p, ConvImpl impl, int o, int i, int ky, int kx) {
    Conv2dShape s = p.shape();
    double sum = 0;
    double magnitude = 0;
    for (int n = 0; n < s.n(); n++) {
      for (int oh = 0; oh < s.outH(); oh++) {
        for (int ow = 0; ow < s.outW(); ow++) {
          int ih = oh * s.stride() - s.pad() + ky;
          int iw = ow * s.stride() - s.pad() + kx;
          if (ih >= 0 && ih < s.h() && iw >= 0 && iw < s.w()) {
            double t = (double) p.dy()[activation(s, n, o, oh, ow, s.cout(), s.outH(), s.outW())]
                * p.x()[activation(s, n, i, ih, iw, s.cin(), s.h(), s.w())];
            sum += t;
            magnitude += Math.abs(t);
          }
        }
      }
    }
    Mismatch.require(where(s, "backward-weights", "dw", o, i, ky, kx), sum,
        impl.dw(weight(s, o, i, ky, kx)), tolerance(magnitude));
  }

  private static void checkBias(ConvProblem p, ConvImpl impl) {
    Conv2dShape s = p.shape();
    int plane = s.outH() * s.outW();
    double[] sum = new double[s.cout()];
    double[] magnitude = new double[s.cout()];
    float[] dy = p.dy();
    for (int j = 0; j < dy.length; j++) {
      int o = s.layout() == Layout.NHWC ? j % s.cout() : j / plane % s.cout();
      sum[o] += dy[j];
      magnitude[o] += Math.abs(dy[j]);
    }
    for (int o = 0; o < s.cout(); o++) {
      Mismatch.require(shapeName(s) + " backward-weights: dbias[" + o + "]", sum[o], impl.dbias(o),
          tolerance(magnitude[o]));
    }
  }

  private static double tolerance(double magnitude) {
    return RELATIVE * magnitude + ABSOLUTE;
  }

  /** Memory offset of activation (n, c, h, w) of a tensor with extents (., cs, hs, ws). */
  private static int activation(Conv2dShape s, int n, int c, int h, int w, int cs, int hs, int ws) {
    return s.layout() == Layout.NHWC
        ? ((n * hs + h) * ws + w) * cs + c
        : ((n * cs + c) * hs + h) * ws + w;
  }

  /** Memory offset of weight (o, i, ky, kx): OIHW for NCHW, OHWI for NHWC. */
  private static int weight(Conv2dShape s, int o, int i, int ky, int kx) {
    return s.layout() == Layout.NHWC
        ? ((o * s.kh() + ky) * s.kw() + kx) * s.cin() + i
        : ((o * s.cin() + i) * s.kh() + ky) * s.kw() + kx;
  }

  private static String where(Conv2dShape s, String op, String array, int a, int b, int c, int d) {
    return shapeName(s) + " " + op + ": " + array + "(" + a + ", " + b + ", " + c + ", " + d + ")";
  }

  private static String shapeName(Conv2dShape s) {
    return "N=" + s.n() + " " + s.cin() + "->" + s.cout() + " " + s.h() + "x" + s.w() + " k" + s.kh() + "x"
        + s.kw() + " pad " + s.pad() + " " + s.layout();
  }
}
