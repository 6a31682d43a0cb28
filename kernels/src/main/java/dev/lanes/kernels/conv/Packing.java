package dev.lanes.kernels.conv;

import dev.lanes.kernels.Layout;
import java.util.Arrays;

/**
 * Rearrangements around the loops: images into zero-padded (and, for the data gradient, dilated)
 * buffers in the order a loop reads, and weights into the tile order of the loops. All O(size) work,
 * small next to the O(size * taps) multiply-adds they feed.
 */
final class Packing {
  private Packing() {}

  /**
   * Places one image of c channels, sh x sw, from {@code src} (in srcLayout) into a zeroed hb x wb
   * buffer: source (y, x) lands at (top + y * dil, left + x * dil); what falls outside is dropped.
   * Planar buffers hold c planes of hb * wb values; interleaved ones hold hb * wb pixels of c values.
   * {@code extra} more floats after the image are zeroed too (reads that run past a row's end).
   */
  static void image(float[] src, int srcOff, Layout srcLayout, int c, int sh, int sw,
      float[] dst, int dstOff, boolean planar, int hb, int wb, int top, int left, int dil,
      int extra) {
    Arrays.fill(dst, dstOff, dstOff + c * hb * wb + extra, 0f);
    int y0 = firstInside(top, dil);
    int y1 = lastInside(top, dil, hb, sh);
    int x0 = firstInside(left, dil);
    int x1 = lastInside(left, dil, wb, sw);
    if (y0 > y1 || x0 > x1) {
      return;
    }
    // one channel is stored alike in both orders
    boolean srcPlanar = srcLayout == Layout.NCHW || c == 1;
    boolean dstPlanar = planar || c == 1;
    if (!srcPlanar && !dstPlanar && dil == 1) {
      for (int y = y0; y <= y1; y++) {
        System.arraycopy(src, srcOff + (y * sw + x0) * c, dst,
            dstOff + ((top + y) * wb + left + x0) * c, (x1 - x0 + 1) * c);
      }
      return;
    }
    if (srcPlanar && dstPlanar && dil == 1) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = y0; y <= y1; y++) {
          System.arraycopy(src, srcOff + (ch * sh + y) * sw + x0, dst,
              dstOff + (ch * hb + top + y) * wb + left + x0, x1 - x0 + 1);
        }
      }
      return;
    }
    if (srcPlanar && dil == 1) {
      // planes to pixels: rows read in order, one channel at a time
      for (int ch = 0; ch < c; ch++) {
        for (int y = y0; y <= y1; y++) {
          int from = srcOff + (ch * sh + y) * sw;
          int to = dstOff + ((top + y) * wb + left) * c + ch;
          for (int x = x0; x <= x1; x++) {
            dst[to + x * c] = src[from + x];
          }
        }
      }
      return;
    }
    for (int y = y0; y <= y1; y++) {
      int by = top + y * dil;
      for (int x = x0; x <= x1; x++) {
        int bx = left + x * dil;
        int s = srcPlanar ? srcOff + y * sw + x : srcOff + (y * sw + x) * c;
        int sStep = srcPlanar ? sh * sw : 1;
        int d = dstPlanar ? dstOff + by * wb + bx : dstOff + (by * wb + bx) * c;
        int dStep = dstPlanar ? hb * wb : 1;
        for (int ch = 0; ch < c; ch++, s += sStep, d += dStep) {
          dst[d] = src[s];
        }
      }
    }
  }

  private static int firstInside(int start, int dil) {
    return start >= 0 ? 0 : (-start + dil - 1) / dil;
  }

  private static int lastInside(int start, int dil, int extent, int count) {
    int last = Math.min(count - 1, Math.floorDiv(extent - 1 - start, dil));
    return last;
  }

  /**
   * Index in w of weight (o, i, ky, kx) of a convolution stored OIHW (NCHW) or OHWI (NHWC); with
   * {@code transposed}, of the data-gradient problem's weight: (o, i) swapped and the kernel rotated.
   */
  static int weightIndex(Layout layout, int co, int ci, int kh, int kw, boolean transposed,
      int o, int i, int ky, int kx) {
    if (transposed) {
      int t = o;
      o = i;
      i = t;
      ky = kh - 1 - ky;
      kx = kw - 1 - kx;
    }
    return layout == Layout.NCHW ? ((o * ci + i) * kh + ky) * kw + kx : ((o * kh + ky) * kw + kx) * ci + i;
  }

  /**
   * Weights for {@link ConvLoops#channelForward}: dst[(ky * kw * ins + kx * ins + i) * coPad + o],
   * zero for o >= outs. outs and ins are the problem's channel counts (swapped when transposed).
   */
  static void channelWeights(float[] w, int wOff, Layout layout, int co, int ci, int kh, int kw,
      boolean transposed, float[] dst, int coPad) {
    int outs = transposed ? ci : co;
    int ins = transposed ? co : ci;
    Arrays.fill(dst, 0, kh * kw * ins * coPad, 0f);
    for (int ky = 0; ky < kh; ky++) {
      for (int kx = 0; kx < kw; kx++) {
        for (int i = 0; i < ins; i++) {
          int d = ((ky * kw + kx) * ins + i) * coPad;
          for (int o = 0; o < outs; o++) {
            dst[d + o] = w[wOff + weightIndex(layout, co, ci, kh, kw, transposed, o, i, ky, kx)];
          }
        }
      }
    }
  }

  /**
   * Weights for {@link ConvLoops#planarForward}: per tile b of TILE output channels,
   * dst[b * ins * kh * kw * TILE + ((i * kh + ky) * kw + kx) * TILE + r] for o = b * TILE + r, zero
   * past the last channel.
   */
  static void planarWeights(float[] w, int wOff, Layout layout, int co, int ci, int kh, int kw,
      boolean transposed, float[] dst) {
    int outs = transposed ? ci : co;
    int ins = transposed ? co : ci;
    int tiles = (outs + ConvLoops.TILE - 1) / ConvLoops.TILE;
    int tileSize = ins * kh * kw * ConvLoops.TILE;
    Arrays.fill(dst, 0, tiles * tileSize, 0f);
    if (!transposed) {
      // read w in its own order (no index arithmetic per weight: this packing ran once per call and
      // cost 3% of LeNet conv2's forward pass)
      int taps = kh * kw;
      for (int o = 0; o < outs; o++) {
        int base = (o / ConvLoops.TILE) * tileSize + o % ConvLoops.TILE;
        int src = wOff + o * ins * taps;
        if (layout == Layout.NCHW) {
          for (int t = 0; t < ins * taps; t++) {
            dst[base + t * ConvLoops.TILE] = w[src + t];
          }
        } else {
          for (int t = 0; t < taps; t++) {
            for (int i = 0; i < ins; i++) {
              dst[base + (i * taps + t) * ConvLoops.TILE] = w[src + t * ins + i];
            }
          }
        }
      }
      return;
    }
    for (int o = 0; o < outs; o++) {
      int base = (o / ConvLoops.TILE) * tileSize + o % ConvLoops.TILE;
      for (int i = 0; i < ins; i++) {
        for (int ky = 0; ky < kh; ky++) {
          for (int kx = 0; kx < kw; kx++) {
            dst[base + ((i * kh + ky) * kw + kx) * ConvLoops.TILE] =
                w[wOff + weightIndex(layout, co, ci, kh, kw, transposed, o, i, ky, kx)];
          }
        }
      }
    }
  }

  /** Weights of the problem (transposed or not) as OIHW: dst[((o * ins + i) * kh + ky) * kw + kx]. */
  static void oihw(float[] w, int wOff, Layout layout, int co, int ci, int kh, int kw,
      boolean transposed, float[] dst) {
    int outs = transposed ? ci : co;
    int ins = transposed ? co : ci;
    for (int o = 0; o < outs; o++) {
      for (int i = 0; i < ins; i++) {
        for (int ky = 0; ky < kh; ky++) {
          for (int kx = 0; kx < kw; kx++) {
            dst[((o * ins + i) * kh + ky) * kw + kx] =
                w[wOff + weightIndex(layout, co, ci, kh, kw, transposed, o, i, ky, kx)];
          }
        }
      }
    }
  }

  /** Bias (or zeros when null) into dst[0 .. padded), zero past count. */
  static void bias(float[] bias, int off, int count, float[] dst, int padded) {
    Arrays.fill(dst, 0, padded, 0f);
    if (bias != null) {
      System.arraycopy(bias, off, dst, 0, count);
    }
  }

  /**
   * The h x w interior (from row and column pad) of a padded interleaved hp x wp image of c channels,
   * into one image of dst in {@code layout}.
   */
  static void crop(float[] src, int hp, int wp, int c, int pad, int h, int w, Layout layout,
      float[] dst, int dstOff) {
    for (int y = 0; y < h; y++) {
      int row = ((y + pad) * wp + pad) * c;
      if (layout == Layout.NHWC) {
        System.arraycopy(src, row, dst, dstOff + y * w * c, w * c);
        continue;
      }
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          dst[dstOff + (ch * h + y) * w + x] = src[row + x * c + ch];
        }
      }
    }
  }

  /**
   * One image's c planes of h x w values (NCHW order) as planes of {@code planePitch} floats whose rows
   * are {@code rowPitch} apart: row y of channel ch starts at dstOff + ch * planePitch + y * rowPitch.
   * Every other float of the c planes is zeroed.
   */
  static void planes(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff,
      int rowPitch, int planePitch) {
    Arrays.fill(dst, dstOff, dstOff + c * planePitch, 0f);
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(src, srcOff + (ch * h + y) * w, dst, dstOff + ch * planePitch + y * rowPitch,
            w);
      }
    }
  }

  /**
   * Gradients of {@code images} images of c channels x pixels (in layout) into groups of {@code group}
   * channels, pixel by pixel: dst[(g * count + q) * group + k] = channel g * group + k of pixel q (q
   * counting through the images in order, count = images * pixels), zero past channel c.
   */
  static void channelGroups(float[] src, int srcOff, Layout layout, int images, int c, int pixels,
      int group, float[] dst) {
    int groups = (c + group - 1) / group;
    int count = images * pixels;
    if (c % group != 0) {
      // the last group's channels past c
      Arrays.fill(dst, 0, groups * count * group, 0f);
    }
    for (int m = 0; m < images; m++) {
      int image = srcOff + m * c * pixels;
      for (int ch = 0; ch < c; ch++) {
        int g = ch / group;
        int d = (g * count + m * pixels) * group + ch - g * group;
        if (layout == Layout.NCHW) {
          for (int p = 0, i = image + ch * pixels; p < pixels; p++, i++, d += group) {
            dst[d] = src[i];
          }
        } else {
          for (int p = 0, i = image + ch; p < pixels; p++, i += c, d += group) {
            dst[d] = src[i];
          }
        }
      }
    }
  }

  /** One image's channels x pixels (NCHW order) into pixels x channels (NHWC order). */
  static void toInterleaved(float[] src, int srcOff, int pixels, int c, float[] dst, int dstOff) {
    for (int ch = 0; ch < c; ch++) {
      for (int p = 0; p < pixels; p++) {
        dst[dstOff + p * c + ch] = src[srcOff + ch * pixels + p];
      }
    }
  }
}
