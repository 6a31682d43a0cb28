package dev.lanes.kernels.conv;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.dense.GemmLoops;
import dev.lanes.kernels.dense.Operands;
import dev.lanes.kernels.parallel.WorkerPool;
import java.util.Arrays;

/**
 * The weight and bias gradient of {@link DirectConvolution}: the batch is cut into at most
 * {@value #MAX_WEIGHT_BLOCKS} fixed blocks of images (half as many for the tap tiles, whose tiles then
 * run over more pixels per call; the cut depends on N and the path only), each block sums into
 * its own partial, and the partials are added in block order, so results are the same for any
 * parallelism. Planar partials keep one sum per lane, added in lane order at the end.
 *
 * <p>Where output channels fill the channel groups of {@link ConvLoops#tapWeights} and kernel rows
 * its tap tiles (LeNet conv2: 16 channels, rows of 5 x 6 taps), a block's partial comes from those
 * tiles, reading interleaved images in place (NHWC, unpadded) or from padded copies, with dy laid out
 * group by group. Otherwise, with at least a vector's worth of output channels, a block's partial is a
 * sequence of matrix products on the dense layer's GEMM, dw (cout x K) += dy (cout x pixels) . colT
 * (pixels x K), over runs of the block's pixels, where row q of colT holds the K input values pixel q's
 * taps read (copied kernel row by kernel row). Otherwise the planar or channel loops, by lane fill.
 */
final class WeightGradient {
  /** The weight gradient sums at most this many per-block partials. */
  static final int MAX_WEIGHT_BLOCKS = 16;
  private static final int TILE = ConvLoops.TILE;
  private static final int TAP_TILE = ConvLoops.TAP_TILE;
  /** Pixels the tap tiles run over before moving on to the next tile: a cache-sized chunk. */
  static final int TAP_CHUNK = 512;

  private final ConvLoops loops;
  private final WorkerPool pool;
  private final int lanes;
  private final float[][] inScratch;
  private final float[][] outScratch;
  private final float[][] dyScratch;
  private final int[][] pixelScratch;
  private final int[][] mapScratch;
  private final WorkerPool.Task weightsTask = this::weightsBlock;
  /** The GEMM loops, or null for the direct loops alone. */
  private final GemmLoops gemmLoops;
  private final Operands[] operands;
  private float[] partials = new float[0];
  private double[] biasSums = new double[0];
  private float[] columnSums = new float[0];
  private float[] weightSums = new float[0];
  private float[] laneSums = new float[0];
  private int[] tapIn = new int[0];
  private int[] tapOut = new int[0];

  // The current call.
  private ConvShape ws;
  private float[] wx;
  private int wxOff;
  private float[] wdy;
  private int wdyOff;
  private boolean planar;
  private boolean gemm;
  private boolean taps;
  private int hb;
  private int wb;
  private int imagesPerBlock;

  WeightGradient(ConvLoops loops, GemmLoops gemmLoops, WorkerPool pool) {
    this.loops = loops;
    this.gemmLoops = gemmLoops;
    this.pool = pool;
    this.operands = new Operands[pool.parallelism()];
    for (int i = 0; i < operands.length; i++) {
      operands[i] = new Operands();
    }
    this.lanes = loops.lanes();
    this.inScratch = new float[pool.parallelism()][];
    this.outScratch = new float[pool.parallelism()][];
    this.dyScratch = new float[pool.parallelism()][];
    this.pixelScratch = new int[pool.parallelism()][];
    this.mapScratch = new int[pool.parallelism()][];
  }

  /** dw and (unless null) dbias of s from x and dy; the arguments are already checked. */
  void run(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
      float[] dbias, int dbiasOff) {
    ws = s;
    wx = x;
    wxOff = xOff;
    wdy = dy;
    wdyOff = dyOff;
    taps = tapsPay(s, loops.channelGroup());
    gemm = !taps && gemmLoops != null && gemmPays(s);
    planar = !taps && !gemm && s.stride() == 1 && planarWeightsPay(s);
    hb = s.h() + 2 * s.pad();
    wb = s.w() + 2 * s.pad();
    if (planar) {
      prepareTaps(s);
    }
    int blocks = Math.min(s.n(), taps ? MAX_WEIGHT_BLOCKS / 2 : MAX_WEIGHT_BLOCKS);
    imagesPerBlock = (s.n() + blocks - 1) / blocks;
    blocks = (s.n() + imagesPerBlock - 1) / imagesPerBlock;
    long size = partialSize(s);
    long imageFloats = (long) s.cin() * hb * wb + lanes + s.kw() * s.cin();
    requireScratch("weight partials", blocks * size);
    if (taps) {
      int pass = tapImages(s, imagesPerBlock);
      requireScratch("padded images of a pass", pass * imageFloats + spanPad(s));
      requireScratch("dy of a pass", pass * (long) s.outH() * s.outW()
          * roundUp(s.cout(), loops.channelGroup()));
    } else if (!gemm) {
      requireScratch("padded images of a block", imagesPerBlock * imageFloats);
      requireScratch("dy of a block",
          imagesPerBlock * (long) s.cout() * (s.outH() * (long) wb + lanes));
    }
    if (partials.length < blocks * size) {
      partials = new float[(int) (blocks * size)];
    }
    try {
      pool.run(blocks, DirectConvolution.parallel(s), weightsTask);
    } finally {
      for (Operands o : operands) {
        o.clear();
      }
    }
    sumPartials(s, blocks, dw, dwOff);
    if (dbias != null) {
      biasGradient(s, dy, dyOff, dbias, dbiasOff);
    }
  }

  /**
   * The tap tiles where output channels fill at least 3/4 of their groups' lanes and kernel rows of
   * their tiles' taps (both together): LeNet conv2 (16 channels, rows of 30 taps) ran its weight
   * gradient at 1.5x the GEMM path's speed (JMH, NHWC: 276 -> 184 us), whose tap matrix costs copies.
   */
  static boolean tapsPay(ConvShape s, int group) {
    int span = s.kw() * s.cin();
    double fill = (double) s.cout() / roundUp(s.cout(), group) * span / roundUp(span, TAP_TILE);
    return fill >= 0.75;
  }

  /** A kernel row's taps rounded up to whole tap tiles. */
  private static int spanPad(ConvShape s) {
    return roundUp(s.kw() * s.cin(), TAP_TILE);
  }

  /**
   * The matrix products where there are at least a vector's worth of output channels: copying the tap
   * matrix costs about as much as the multiply-adds of lanes() output channels (LeNet's 6-channel conv1
   * ran 2x slower this way, its 16-channel conv2 1.3x faster).
   */
  private boolean gemmPays(ConvShape s) {
    return s.cout() >= lanes;
  }

  /**
   * Planar or channel loops by lane fill, as for the forward pass; planar tiles: 3 channels x 5 taps,
   * vectors along an image's wide plane (see {@link PlanarForward#wideFill}).
   */
  private boolean planarWeightsPay(ConvShape s) {
    int taps = s.kh() * s.kw();
    double planarFill = PlanarForward.wideFill(s.outH(), s.outW(), s.w() + 2 * s.pad(), lanes)
        * s.cout() / roundUp(s.cout(), ConvLoops.WEIGHT_ROWS)
        * taps / roundUp(taps, ConvLoops.WEIGHT_TAPS);
    int span = s.kw() * s.cin();
    double channelFill = (double) span / roundUp(span, lanes) * s.cout() / roundUp(s.cout(), TILE);
    return planarFill > channelFill || (planarFill == channelFill && s.layout() == Layout.NCHW);
  }

  /** Tap offsets in the padded input (row pitch wb) and in a channel's kh x kw weights. */
  private void prepareTaps(ConvShape s) {
    int taps = s.kh() * s.kw();
    if (tapIn.length < taps) {
      tapIn = new int[taps];
      tapOut = new int[taps];
    }
    for (int ky = 0; ky < s.kh(); ky++) {
      for (int kx = 0; kx < s.kw(); kx++) {
        tapIn[ky * s.kw() + kx] = ky * wb + kx;
        tapOut[ky * s.kw() + kx] = ky * s.kw() + kx;
      }
    }
  }

  /** Scratch is indexed by int: a shape needing more floats is rejected before anything is written. */
  private static void requireScratch(String what, long floats) {
    if (floats > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException("s: expected " + what + " of at most "
          + (Integer.MAX_VALUE - 64) + " floats, actual " + floats);
    }
  }

  /**
   * Floats of one block's partial weight gradient: one per weight, one per lane when planar, or one per
   * tap tile slot (kernel rows rounded up to whole tiles, channels to whole groups) for the tap tiles.
   */
  private long partialSize(ConvShape s) {
    if (taps) {
      return (long) roundUp(s.cout(), loops.channelGroup()) * s.kh() * spanPad(s);
    }
    return (long) s.weightSize() * (planar ? lanes : 1);
  }

  private void weightsBlock(int block, int worker) {
    ConvShape s = ws;
    int n0 = block * imagesPerBlock;
    int images = Math.min(imagesPerBlock, s.n() - n0);
    int size = (int) partialSize(s);
    int base = block * size;
    int ci = s.cin();
    int co = s.cout();
    int oh = s.outH();
    int ow = s.outW();
    int outPlane = oh * ow;
    if (gemm) {
      // the first run writes the partial, the others add to it
      gemmBlock(base, n0, images, worker);
      return;
    }
    if (taps) {
      tapBlock(base, size, n0, images, worker);
      return;
    }
    int inImage = ci * hb * wb + lanes + s.kw() * ci;
    float[] buf = scratch(inScratch, worker, images * inImage);
    for (int m = 0; m < images; m++) {
      Packing.image(wx, wxOff + (n0 + m) * ci * s.h() * s.w(), s.layout(), ci, s.h(), s.w(), buf,
          m * inImage, planar, hb, wb, s.pad(), s.pad(), 1, lanes + s.kw() * ci);
    }
    int k = s.kh() * s.kw();
    if (planar) {
      // dy on the wide plane: rows wb apart like the input's, zero in the columns past ow and in the
      // tail that rounds the plane up to whole vectors, so the loop runs over one flat span per image.
      int width = roundUp(oh * wb, lanes);
      int dyImage = co * width;
      float[] dy = scratch(outScratch, worker, images * dyImage);
      for (int m = 0; m < images; m++) {
        int src = wdyOff + (n0 + m) * co * outPlane;
        if (s.layout() == Layout.NCHW) {
          Packing.planes(wdy, src, co, oh, ow, dy, m * dyImage, wb, width);
        } else {
          Arrays.fill(dy, m * dyImage, (m + 1) * dyImage, 0f);
          loops.toPlanes(wdy, src, co, oh, ow, dy, m * dyImage, wb, width);
        }
      }
      int wr = ConvLoops.WEIGHT_ROWS;
      int wt = ConvLoops.WEIGHT_TAPS;
      for (int c0 = 0; c0 < co; c0 += wr) {
        int rows = Math.min(wr, co - c0);
        for (int i = 0; i < ci; i++) {
          for (int t0 = 0; t0 < k; t0 += wt) {
            loops.planarWeights(buf, i * hb * wb, inImage, wb, tapIn, tapOut, t0,
                Math.min(wt, k - t0), dy, c0 * width, dyImage, width, rows, images, 1, width,
                partials, block * s.weightSize() + (c0 * ci + i) * k, ci * k);
          }
        }
      }
      return;
    }
    float[] dy = wdy;
    int dyBase = wdyOff + n0 * outPlane * co;
    if (s.layout() == Layout.NCHW) {
      dy = scratch(outScratch, worker, images * outPlane * co);
      for (int m = 0; m < images; m++) {
        Packing.toInterleaved(wdy, dyBase + m * outPlane * co, outPlane, co, dy, m * outPlane * co);
      }
      dyBase = 0;
    }
    // the channel loops add into the partial (the planar tiles above store every value of theirs)
    Arrays.fill(partials, base, base + size, 0f);
    int span = s.kw() * ci;
    for (int c0 = 0; c0 < co; c0 += TILE) {
      int rows = Math.min(TILE, co - c0);
      for (int ky = 0; ky < s.kh(); ky++) {
        loops.channelWeights(buf, ky * wb * ci, inImage, s.stride() * wb * ci, s.stride() * ci,
            span, dy, dyBase + c0, outPlane * co, co, rows, images, oh, ow, partials,
            base + (c0 * s.kh() + ky) * span, s.kh() * span);
      }
    }
  }

  /**
   * A block's partial from the tap tiles, in passes of {@link #tapImages} images: per pass, per chunk
   * of its pixels, per group of output channels, kernel row and tile of its taps, tiles accumulating
   * into slots ((g * kh + ky) * spanPad + t) * group + c. Pixels are offsets into interleaved images:
   * the caller's own (NHWC, unpadded, when the last tile's reach stays inside x) or padded copies; dy
   * is read in place when it is NHWC with exactly one group of channels, else copied group by group,
   * zero past cout.
   */
  private void tapBlock(int base, int size, int n0, int images, int worker) {
    ConvShape s = ws;
    int ci = s.cin();
    int co = s.cout();
    int group = loops.channelGroup();
    int groups = (co + group - 1) / group;
    int span = s.kw() * ci;
    int spanPad = spanPad(s);
    int st = s.stride();
    int oh = s.outH();
    int ow = s.outW();
    int p = oh * ow;
    int rowPitch = wb * ci;
    int image = ci * hb * wb;
    int passImages = tapImages(s, images);
    Arrays.fill(partials, base, base + size, 0f);
    for (int m0 = 0; m0 < images; m0 += passImages) {
      int n = n0 + m0;
      int pass = Math.min(passImages, images - m0);
      int count = pass * p;
      int lastPixel = (pass - 1) * image + ((oh - 1) * st * wb + (ow - 1) * st) * ci;
      int reach = lastPixel + (s.kh() - 1) * rowPitch + spanPad;
      float[] in;
      int inBase;
      if (s.layout() == Layout.NHWC && s.pad() == 0 && reach <= wx.length - (wxOff + n * image)) {
        in = wx;
        inBase = wxOff + n * image;
      } else if (s.layout() == Layout.NCHW && s.pad() == 0) {
        // unpadded planes: the buffer is their transposition (gathers), zero past the last image
        in = scratch(inScratch, worker, pass * image + spanPad);
        inBase = 0;
        int[] map = mapScratch[worker];
        if (map == null || map.length < ci * lanes) {
          map = new int[ci * lanes];
          mapScratch[worker] = map;
        }
        for (int m = 0; m < pass; m++) {
          loops.toPixels(wx, wxOff + (n + m) * image, ci, s.h() * s.w(), in, m * image, map);
        }
        Arrays.fill(in, pass * image, pass * image + spanPad, 0f);
      } else {
        in = scratch(inScratch, worker, pass * image + spanPad);
        inBase = 0;
        for (int m = 0; m < pass; m++) {
          Packing.image(wx, wxOff + (n + m) * ci * s.h() * s.w(), s.layout(), ci, s.h(), s.w(), in,
              m * image, false, hb, wb, s.pad(), s.pad(), 1, m == pass - 1 ? spanPad : 0);
        }
      }
      int[] pixelAt = pixelScratch[worker];
      if (pixelAt == null || pixelAt.length < count) {
        pixelAt = new int[count];
        pixelScratch[worker] = pixelAt;
      }
      for (int m = 0, q = 0; m < pass; m++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++, q++) {
            pixelAt[q] = inBase + m * image + (oy * st * wb + ox * st) * ci;
          }
        }
      }
      float[] dy;
      int dyBase;
      if (s.layout() == Layout.NHWC && co == group) {
        dy = wdy;
        dyBase = wdyOff + n * p * co;
      } else {
        dy = scratch(dyScratch, worker, groups * count * group);
        dyBase = 0;
        Packing.channelGroups(wdy, wdyOff + n * p * co, s.layout(), pass, co, p, group, dy);
      }
      for (int q0 = 0; q0 < count; q0 += TAP_CHUNK) {
        int q1 = Math.min(count, q0 + TAP_CHUNK);
        for (int g = 0; g < groups; g++) {
          for (int ky = 0; ky < s.kh(); ky++) {
            for (int t0 = 0; t0 < span; t0 += TAP_TILE) {
              loops.tapWeights(in, pixelAt, q0, q1, ky * rowPitch + t0, dy,
                  dyBase + g * count * group, partials,
                  base + ((g * s.kh() + ky) * spanPad + t0) * group);
            }
          }
        }
      }
    }
  }

  /**
   * Images a tap-tile pass takes at once: enough for TAP_CHUNK pixels, at least one, so that the
   * copies a worker keeps stay that size whatever N (K3: one image; LeNet conv2: a whole block of 8).
   */
  private static int tapImages(ConvShape s, int images) {
    return Math.max(1, Math.min(images, TAP_CHUNK / (s.outH() * s.outW())));
  }

  /**
   * A block's partial as matrix products over runs of its images' pixels, each run short enough to
   * keep its tap matrix within MAX_COLUMN_FLOATS (one pixel where K alone exceeds it), taps in OHWI order (ky, kx, ci) whatever the layout:
   * a row of colT is then kh runs of kw * ci floats of the interleaved padded image. Pixels q count
   * through the block's images in order; NCHW dy is first laid out as cout rows of the run's pixels.
   */
  private void gemmBlock(int base, int n0, int images, int worker) {
    ConvShape s = ws;
    int ci = s.cin();
    int co = s.cout();
    int kh = s.kh();
    int span = s.kw() * ci;
    int st = s.stride();
    int ow = s.outW();
    int p = s.outH() * ow;
    int k = kh * span;
    int run = Math.max(1, GemmDataGradient.MAX_COLUMN_FLOATS / k);
    int total = images * p;
    float[] buf = scratch(inScratch, worker, ci * hb * wb + lanes + span);
    float[] colT = scratch(outScratch, worker, Math.min(run, total) * k + lanes);
    Operands o = operands[worker];
    int packed = -1;
    for (int q0 = 0; q0 < total; q0 += run) {
      int count = Math.min(run, total - q0);
      for (int q = q0; q < q0 + count; ) {
        int m = q / p;
        if (m != packed) {
          Packing.image(wx, wxOff + (n0 + m) * ci * s.h() * s.w(), s.layout(), ci, s.h(), s.w(),
              buf, 0, false, hb, wb, s.pad(), s.pad(), 1, lanes + span);
          packed = m;
        }
        int pixel = q - m * p;
        int oy = pixel / ow;
        int ox = pixel - oy * ow;
        int len = Math.min(ow - ox, q0 + count - q);
        loops.copyWindows(buf, (oy * st * wb + ox * st) * ci, st * ci, wb * ci, colT, (q - q0) * k,
            len, kh, span);
        q += len;
      }
      if (s.layout() == Layout.NCHW) {
        float[] dyRows = scratch(dyScratch, worker, co * count);
        for (int q = q0; q < q0 + count; ) {
          int m = q / p;
          int pixel = q - m * p;
          int len = Math.min(p - pixel, q0 + count - q);
          for (int c = 0; c < co; c++) {
            System.arraycopy(wdy, wdyOff + ((n0 + m) * co + c) * p + pixel, dyRows,
                c * count + q - q0, len);
          }
          q += len;
        }
        o.set(dyRows, 0, count, 1, colT, 0, k, partials, base, k, null, 0);
      } else {
        o.set(wdy, wdyOff + (n0 * p + q0) * co, 1, co, colT, 0, k, partials, base, k, null, 0);
      }
      gemmLoops.multiply(o, 0, co, 0, k, 0, count, q0 > 0, false);
    }
  }

  /**
   * dw = the blocks' partials added in block order. Planar partials are OIHW, channel and GEMM partials
   * OHWI, tap-tile partials slots of groups of channels (see {@link #tapSums}); the layout's own order
   * may be another one.
   */
  private void sumPartials(ConvShape s, int blocks, float[] dw, int dwOff) {
    int size = s.weightSize();
    int sumSize = taps ? (int) partialSize(s) : size;
    if (weightSums.length < sumSize) {
      weightSums = new float[sumSize];
    }
    float[] sums = weightSums;
    if (planar) {
      // the blocks' lanes added in block order, then each weight's lanes in lane order
      if (laneSums.length < size * lanes) {
        laneSums = new float[size * lanes];
      }
      Arrays.fill(laneSums, 0, size * lanes, 0f);
      loops.addColumnSums(partials, 0, blocks, size * lanes, laneSums);
      for (int q = 0; q < size; q++) {
        sums[q] = loops.sum(laneSums, q * lanes, lanes);
      }
    } else {
      Arrays.fill(sums, 0, sumSize, 0f);
      loops.addColumnSums(partials, 0, blocks, sumSize, sums);
    }
    if (taps) {
      tapSums(s, sums, dw, dwOff);
      return;
    }
    int co = s.cout();
    int ci = s.cin();
    int khw = s.kh() * s.kw();
    if (planar == (s.layout() == Layout.NCHW)) {
      System.arraycopy(sums, 0, dw, dwOff, size);
    } else if (planar) {
      for (int o = 0; o < co; o++) {
        for (int i = 0; i < ci; i++) {
          for (int t = 0; t < khw; t++) {
            dw[dwOff + (o * khw + t) * ci + i] = sums[(o * ci + i) * khw + t];
          }
        }
      }
    } else {
      for (int o = 0; o < co; o++) {
        for (int t = 0; t < khw; t++) {
          for (int i = 0; i < ci; i++) {
            dw[dwOff + (o * ci + i) * khw + t] = sums[(o * khw + t) * ci + i];
          }
        }
      }
    }
  }

  /** dw from the tap tiles' slots ((g * kh + ky) * spanPad + j) * group + c, in the layout's order. */
  private void tapSums(ConvShape s, float[] sums, float[] dw, int dwOff) {
    int group = loops.channelGroup();
    int ci = s.cin();
    int kh = s.kh();
    int kw = s.kw();
    int span = kw * ci;
    int spanPad = spanPad(s);
    for (int o = 0; o < s.cout(); o++) {
      int slots = (o / group) * kh * spanPad;
      int c = o % group;
      for (int ky = 0; ky < kh; ky++) {
        for (int j = 0; j < span; j++) {
          float v = sums[(slots + ky * spanPad + j) * group + c];
          if (s.layout() == Layout.NHWC) {
            dw[dwOff + (o * kh + ky) * span + j] = v;
          } else {
            int kx = j / ci;
            int i = j - kx * ci;
            dw[dwOff + ((o * ci + i) * kh + ky) * kw + kx] = v;
          }
        }
      }
    }
  }

  /** dbias[c] = sum of dy over the channel: float sums per image, added in double in image order. */
  private void biasGradient(ConvShape s, float[] dy, int dyOff, float[] dbias, int dbiasOff) {
    int co = s.cout();
    int plane = s.outH() * s.outW();
    if (biasSums.length < co) {
      biasSums = new double[co];
      columnSums = new float[co];
    }
    Arrays.fill(biasSums, 0, co, 0.0);
    for (int n = 0; n < s.n(); n++) {
      int image = dyOff + n * co * plane;
      if (s.layout() == Layout.NCHW) {
        for (int c = 0; c < co; c++) {
          biasSums[c] += loops.sum(dy, image + c * plane, plane);
        }
      } else {
        Arrays.fill(columnSums, 0, co, 0f);
        loops.addColumnSums(dy, image, plane, co, columnSums);
        for (int c = 0; c < co; c++) {
          biasSums[c] += columnSums[c];
        }
      }
    }
    for (int c = 0; c < co; c++) {
      dbias[dbiasOff + c] = (float) biasSums[c];
    }
  }

  private static float[] scratch(float[][] perWorker, int worker, int size) {
    return DirectConvolution.scratch(perWorker, worker, size);
  }

  private static int roundUp(int v, int m) {
    return DirectConvolution.roundUp(v, m);
  }
}
