package dev.lanes.kernels.conv;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.parallel.WorkerPool;
import java.util.Arrays;

/**
 * The weight and bias gradient of {@link DirectConvolution}: the batch is cut into at most
 * {@value #MAX_WEIGHT_BLOCKS} fixed blocks of images (the cut depends on N only), each block sums into
 * its own partial, and the partials are added in block order, so results are the same for any
 * parallelism. Planar partials keep one sum per lane, added in lane order at the end.
 */
final class WeightGradient {
  /** The weight gradient sums at most this many per-block partials. */
  static final int MAX_WEIGHT_BLOCKS = 16;
  private static final int TILE = ConvLoops.TILE;

  private final ConvLoops loops;
  private final WorkerPool pool;
  private final int lanes;
  private final float[][] inScratch;
  private final float[][] outScratch;
  private final WorkerPool.Task weightsTask = this::weightsBlock;
  private float[] partials = new float[0];
  private double[] biasSums = new double[0];
  private float[] columnSums = new float[0];
  private int[] tapIn = new int[0];
  private int[] tapOut = new int[0];

  // The current call.
  private ConvShape ws;
  private float[] wx;
  private int wxOff;
  private float[] wdy;
  private int wdyOff;
  private boolean planar;
  private int hb;
  private int wb;
  private int imagesPerBlock;

  WeightGradient(ConvLoops loops, WorkerPool pool) {
    this.loops = loops;
    this.pool = pool;
    this.lanes = loops.lanes();
    this.inScratch = new float[pool.parallelism()][];
    this.outScratch = new float[pool.parallelism()][];
  }

  /** dw and (unless null) dbias of s from x and dy; the arguments are already checked. */
  void run(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
      float[] dbias, int dbiasOff) {
    ws = s;
    wx = x;
    wxOff = xOff;
    wdy = dy;
    wdyOff = dyOff;
    planar = s.stride() == 1 && planarWeightsPay(s);
    hb = s.h() + 2 * s.pad();
    wb = s.w() + 2 * s.pad();
    if (planar) {
      prepareTaps(s);
    }
    int blocks = Math.min(s.n(), MAX_WEIGHT_BLOCKS);
    imagesPerBlock = (s.n() + blocks - 1) / blocks;
    blocks = (s.n() + imagesPerBlock - 1) / imagesPerBlock;
    long size = partialSize(s);
    long imageFloats = (long) s.cin() * hb * wb + lanes + s.kw();
    requireScratch("weight partials", blocks * size);
    requireScratch("padded images of a block", imagesPerBlock * imageFloats);
    requireScratch("dy of a block",
        imagesPerBlock * (long) s.cout() * (s.outH() * (long) wb + lanes));
    if (partials.length < blocks * size) {
      partials = new float[(int) (blocks * size)];
    }
    pool.run(blocks, DirectConvolution.parallel(s), weightsTask);
    sumPartials(s, blocks, dw, dwOff);
    if (dbias != null) {
      biasGradient(s, dy, dyOff, dbias, dbiasOff);
    }
  }

  /**
   * Planar or channel loops by lane fill, as for the forward pass; planar tiles: 4 channels x 4 taps,
   * vectors along an image's wide plane (see {@link DirectConvolution#wideFill}).
   */
  private boolean planarWeightsPay(ConvShape s) {
    int wt = ConvLoops.WEIGHT_TILE;
    int taps = s.kh() * s.kw();
    double planarFill = DirectConvolution.wideFill(s.outH(), s.outW(), s.w() + 2 * s.pad(), lanes)
        * s.cout()
        / roundUp(s.cout(), wt) * taps / roundUp(taps, wt);
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

  /** Floats of one block's partial weight gradient: one per weight, or one per lane when planar. */
  private long partialSize(ConvShape s) {
    return (long) s.weightSize() * (planar ? lanes : 1);
  }

  private void weightsBlock(int block, int worker) {
    ConvShape s = ws;
    int n0 = block * imagesPerBlock;
    int images = Math.min(imagesPerBlock, s.n() - n0);
    int size = (int) partialSize(s);
    int base = block * size;
    Arrays.fill(partials, base, base + size, 0f);
    int ci = s.cin();
    int co = s.cout();
    int oh = s.outH();
    int ow = s.outW();
    int outPlane = oh * ow;
    int inImage = ci * hb * wb + lanes + s.kw();
    float[] buf = scratch(inScratch, worker, images * inImage);
    for (int m = 0; m < images; m++) {
      Packing.image(wx, wxOff + (n0 + m) * ci * s.h() * s.w(), s.layout(), ci, s.h(), s.w(), buf,
          m * inImage, planar, hb, wb, s.pad(), s.pad(), 1, lanes + s.kw());
    }
    int k = s.kh() * s.kw();
    if (planar) {
      // dy on the wide plane: rows wb apart like the input's, zero in the columns past ow and in the
      // tail that rounds the plane up to whole vectors, so the loop runs over one flat span per image.
      int width = roundUp(oh * wb, lanes);
      int dyImage = co * width;
      float[] dy = scratch(outScratch, worker, images * dyImage);
      for (int m = 0; m < images; m++) {
        Packing.planes(wdy, wdyOff + (n0 + m) * co * outPlane, s.layout(), co, oh, ow, dy,
            m * dyImage, wb, width);
      }
      int wt = ConvLoops.WEIGHT_TILE;
      for (int c0 = 0; c0 < co; c0 += wt) {
        int rows = Math.min(wt, co - c0);
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
   * dw = the blocks' partials added in block order. Planar partials are OIHW, channel partials OHWI;
   * the layout's own order may be the other one.
   */
  private void sumPartials(ConvShape s, int blocks, float[] dw, int dwOff) {
    int size = s.weightSize();
    int perWeight = planar ? lanes : 1;
    boolean partialsOihw = planar;
    boolean reorder = partialsOihw != (s.layout() == Layout.NCHW);
    int ci = s.cin();
    int khw = s.kh() * s.kw();
    for (int q = 0; q < size; q++) {
      float sum = 0;
      for (int b = 0; b < blocks; b++) {
        int at = (b * size + q) * perWeight;
        for (int l = 0; l < perWeight; l++) {
          sum += partials[at + l];
        }
      }
      int target = q;
      if (reorder && partialsOihw) {
        int o = q / (ci * khw);
        int i = q / khw % ci;
        int tap = q % khw;
        target = (o * khw + tap) * ci + i;
      } else if (reorder) {
        int o = q / (khw * ci);
        int tap = q / ci % khw;
        int i = q % ci;
        target = (o * ci + i) * khw + tap;
      }
      dw[dwOff + target] = sum;
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
