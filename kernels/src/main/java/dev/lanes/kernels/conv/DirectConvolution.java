package dev.lanes.kernels.conv;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Convolution;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.dense.GemmLoops;
import dev.lanes.kernels.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Direct convolution on {@link ConvLoops}: per call, the planar loops (stride 1 only: vectors along the
 * wide or the compact plane in tiles of channels, or along output rows in tiles of rows) or the channel
 * loops (vectors over channels), whichever fills more vector lanes for the shape; images are transposed
 * on the way in and out when that loop's order is not the layout's, and read in place where the loop's
 * buffer would be an unpadded copy of them.
 * The data gradient of a small stride-1 shape is a matrix product ({@link GemmDataGradient}); otherwise
 * either a scatter of each dy pixel into its window of dx, or a forward convolution of dy dilated by the
 * stride and padded by kernel - 1 - pad, with the kernel rotated and its channel axes swapped, at stride
 * 1. The weight gradient is {@link WeightGradient}'s.
 *
 * <p>Work is split into images, each output written by one task, never by thread count, so results are
 * the same for any parallelism. Each call's arguments live in fields read by prebuilt tasks: a call
 * allocates nothing once its scratch has grown.
 */
final class DirectConvolution implements Convolution {
  /** Below this many FLOPs (2 per multiply-add) a call, waking helper threads costs more than it saves. */
  static final long PARALLEL_MIN_FLOPS = 4_000_000;
  private static final int TILE = ConvLoops.TILE;
  /** The largest compact plane set (floats) of one image: 256 KB, so that it stays in L2. */
  static final int COMPACT_MAX_FLOATS = 64 * 1024;

  /** The loop orders of a forward problem; all but CHANNEL are planar (stride 1 only). */
  enum ForwardLoop {
    /** Vectors over output channels, tiles of pixels (NHWC order). */
    CHANNEL,
    /** Vectors along the wide plane, tiles of output channels. */
    WIDE_PLANE,
    /** Vectors along the compact plane (column-shifted copies of the input), tiles of channels. */
    COMPACT_PLANE,
    /** Vectors along output rows, tiles of rows of one channel. */
    ROW_TILES
  }

  private final ConvLoops loops;
  private final WorkerPool pool;
  private final int lanes;
  private final float[][] inScratch;
  private final float[][] outScratch;
  private final float[][] wideScratch;
  private final float[][] compactScratch;
  private final WorkerPool.Task forwardTask = this::forwardImage;
  private final WorkerPool.Task scatterTask = this::scatterImage;
  private final WeightGradient weightGradient;
  /** The GEMM data gradient, or null where the caller asked for the direct loops alone. */
  private final GemmDataGradient gemmData;
  private float[] packedWeights = new float[0];
  private float[] packedBias = new float[0];
  /** Where each tap starts in the planes of a planar channel-tile problem (see planarForward). */
  private int[] taps = new int[0];

  // The forward problem of the current call (a forward pass or a data gradient).
  private float[] src;
  private int srcOff;
  private Layout layout;
  private int inC;
  private int srcH;
  private int srcW;
  private int top;
  private int left;
  private int dil;
  private int hb;
  private int wb;
  private int outC;
  private int outH;
  private int outW;
  private int stride;
  private int kh;
  private int kw;
  private ForwardLoop loop;
  private int coPad;
  private float[] dst;
  private int dstOff;

  // The data gradient as a scatter, of the current call.
  private ConvShape ws;
  private float[] wdy;
  private int wdyOff;

  /** gemmLoops null: the direct loops for every shape (the tests use it to reach them). */
  DirectConvolution(ConvLoops loops, GemmLoops gemmLoops, WorkerPool pool) {
    this.loops = loops;
    this.pool = pool;
    this.lanes = loops.lanes();
    this.inScratch = new float[pool.parallelism()][];
    this.outScratch = new float[pool.parallelism()][];
    this.wideScratch = new float[pool.parallelism()][];
    this.compactScratch = new float[pool.parallelism()][];
    this.weightGradient = new WeightGradient(loops, gemmLoops, pool);
    this.gemmData = gemmLoops == null ? null : new GemmDataGradient(gemmLoops, loops, pool);
  }

  @Override
  public void forward(ConvShape s, float[] x, int xOff, float[] w, int wOff, float[] bias,
      int biasOff, float[] y, int yOff) {
    ConvChecks.forward(s, x, xOff, w, wOff, bias, biasOff, y, yOff);
    setProblem(s, x, xOff, s.cin(), s.h(), s.w(), s.pad(), s.pad(), 1, s.h() + 2 * s.pad(),
        s.w() + 2 * s.pad(), s.cout(), s.outH(), s.outW(), s.stride(), y, yOff);
    packWeights(w, wOff, s, false);
    Packing.bias(bias, biasOff, s.cout(), packedBias, packedBias.length);
    pool.run(s.n(), parallel(s), forwardTask);
  }

  @Override
  public void backwardWeights(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dw,
      int dwOff, float[] dbias, int dbiasOff) {
    ConvChecks.backwardWeights(s, x, xOff, dy, dyOff, dw, dwOff, dbias, dbiasOff);
    weightGradient.run(s, x, xOff, dy, dyOff, dw, dwOff, dbias, dbiasOff);
  }

  @Override
  public void backwardData(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx,
      int dxOff) {
    ConvChecks.backwardData(s, dy, dyOff, w, wOff, dx, dxOff);
    if (gemmData != null && GemmDataGradient.pays(s)) {
      gemmData.run(s, dy, dyOff, w, wOff, dx, dxOff);
      return;
    }
    if (scatterPays(s)) {
      ws = s;
      wdy = dy;
      wdyOff = dyOff;
      dst = dx;
      dstOff = dxOff;
      packScatterWeights(w, wOff, s);
      pool.run(s.n(), parallel(s), scatterTask);
      return;
    }
    setProblem(s, dy, dyOff, s.cout(), s.outH(), s.outW(), s.kh() - 1 - s.pad(),
        s.kw() - 1 - s.pad(), s.stride(), s.h() + s.kh() - 1, s.w() + s.kw() - 1, s.cin(), s.h(),
        s.w(), 1, dx, dxOff);
    packWeights(w, wOff, s, true);
    Packing.bias(null, 0, 0, packedBias, packedBias.length);
    pool.run(s.n(), parallel(s), forwardTask);
  }

  /** Lanes a vector along rows of {@code width} fills, on average. */
  private double widthFill(int width) {
    return (double) width / roundUp(width, lanes);
  }

  /**
   * Lanes filled by vectors along a wide plane: outH rows of {@code rowPitch} (the padded input's
   * width) flattened into one span rounded up to whole vectors, of which outW columns a row are
   * outputs. A tap then reads the input at one fixed offset from the output, across row ends, so a
   * loop runs over the whole plane at once instead of row by row.
   */
  static double wideFill(int outH, int outW, int rowPitch, int lanes) {
    long span = (long) outH * rowPitch;
    return (double) outH * outW / ((span + lanes - 1) / lanes * lanes);
  }

  /**
   * Lanes filled by vectors along a compact plane: the outH x outW outputs of a channel flattened, in
   * {@link ConvLoops#planarBlock} tiles of 4 vectors whose last one overlaps the one before. The input
   * is copied once per kernel column, shifted by that column and cut to outW columns, so a tap reads
   * it at one fixed offset and no column is computed to be dropped; 0 where the copies would not stay
   * in L2 or the plane is under one tile.
   */
  static double compactFill(int inC, int kw, int inRows, int outH, int outW, int lanes) {
    long plane = (long) outH * outW;
    int tile = 4 * lanes;
    if (plane < tile || (long) inC * kw * inRows * outW > COMPACT_MAX_FLOATS) {
      return 0;
    }
    return (double) plane / ((plane + tile - 1) / tile * tile);
  }

  /**
   * Picks the loop of a stride-1 (or, channel loop only, strided) forward problem by the lanes it fills:
   * channel vectors over outC channels, planar vectors along the wide or the compact plane in tiles of
   * channels, or along output rows in tiles of TILE rows of one channel. Sets {@link #loop}; returns
   * the fill of the loop chosen. A tie between the planar and channel orders goes to the layout's own
   * order, which needs no transposition, and between the wide and compact planes to the wide one,
   * which needs no copies.
   */
  private double chooseForwardLoop(int inC, int inRows, int kw, int outC, int outH, int outW,
      int rowPitch, int stride, Layout layout) {
    double channelFill = (double) outC / roundUp(outC, loops.channelGroup());
    double channelShare = (double) outC / blockedRows(outC);
    double wideTiles = wideFill(outH, outW, rowPitch, lanes) * channelShare;
    double compactTiles = compactFill(inC, kw, inRows, outH, outW, lanes) * channelShare;
    double channelTiles = Math.max(wideTiles, compactTiles);
    double rowTileFill = widthFill(outW) * outH / roundUp(outH, TILE);
    double planarFill = Math.max(channelTiles, rowTileFill);
    boolean planar = stride == 1
        && (planarFill > channelFill || (planarFill == channelFill && layout == Layout.NCHW));
    // Row tiles load a vector per multiply-add where channel tiles broadcast a weight: slower at equal
    // fill (LeNet conv1 forward in a diagnostic timing loop, before the wide plane: 0.67 ms in row tiles
    // at 75% fill, 0.46 ms in channel tiles at 56%), so they run only where channel tiles would leave
    // most lanes empty.
    if (!planar) {
      loop = ForwardLoop.CHANNEL;
    } else if (rowTileFill > 2 * channelTiles) {
      loop = ForwardLoop.ROW_TILES;
    } else {
      loop = compactTiles > wideTiles ? ForwardLoop.COMPACT_PLANE : ForwardLoop.WIDE_PLANE;
    }
    return planar ? planarFill : channelFill;
  }

  /**
   * Whether the data gradient fills more lanes as a scatter (vectors over a kernel row's kx * cin
   * values) than as a forward convolution of dy dilated by the stride (whose zeros waste all but one
   * in stride^2 of its multiply-adds). A tie goes to the forward form, which writes each dx once.
   */
  private boolean scatterPays(ConvShape s) {
    int span = s.kw() * s.cin();
    double scatterFill = (double) span / roundUp(span, lanes);
    double forwardFill = chooseForwardLoop(s.cout(), s.h() + s.kh() - 1, s.kw(), s.cin(), s.h(),
        s.w(), s.w() + s.kw() - 1, 1, s.layout())
        / ((double) s.stride() * s.stride());
    return scatterFill > forwardFill;
  }

  private void packScatterWeights(float[] w, int wOff, ConvShape s) {
    int size = s.weightSize();
    if (packedWeights.length < size + lanes) {
      packedWeights = new float[size + lanes];
    }
    if (s.layout() == Layout.NHWC) {
      System.arraycopy(w, wOff, packedWeights, 0, size);
    } else {
      int ci = s.cin();
      int khw = s.kh() * s.kw();
      for (int o = 0; o < s.cout(); o++) {
        for (int i = 0; i < ci; i++) {
          for (int t = 0; t < khw; t++) {
            packedWeights[(o * khw + t) * ci + i] = w[wOff + (o * ci + i) * khw + t];
          }
        }
      }
    }
    Arrays.fill(packedWeights, size, size + lanes, 0f);
  }

  /** One image's dx: dy's pixels scattered into a zeroed padded NHWC image, then cropped into dx. */
  private void scatterImage(int n, int worker) {
    ConvShape s = ws;
    int ci = s.cin();
    int co = s.cout();
    int oh = s.outH();
    int ow = s.outW();
    int st = s.stride();
    int hp = s.h() + 2 * s.pad();
    int wp = s.w() + 2 * s.pad();
    float[] buf = scratch(inScratch, worker, hp * wp * ci);
    Arrays.fill(buf, 0, hp * wp * ci, 0f);
    float[] dy = wdy;
    int dyBase = wdyOff + n * oh * ow * co;
    if (s.layout() == Layout.NCHW) {
      dy = scratch(outScratch, worker, oh * ow * co);
      Packing.toInterleaved(wdy, dyBase, oh * ow, co, dy, 0);
      dyBase = 0;
    }
    int span = s.kw() * ci;
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox += ConvLoops.SCATTER_TILE) {
        loops.channelScatter(dy, dyBase + (oy * ow + ox) * co, co, packedWeights, s.kh(), span, buf,
            (oy * wp + ox) * st * ci, st * ci, wp * ci, Math.min(ConvLoops.SCATTER_TILE, ow - ox));
      }
    }
    Packing.crop(buf, hp, wp, ci, s.pad(), s.h(), s.w(), s.layout(), dst,
        dstOff + n * ci * s.h() * s.w());
  }

  static boolean parallel(ConvShape s) {
    return s.flops() >= PARALLEL_MIN_FLOPS;
  }

  private void setProblem(ConvShape s, float[] src, int srcOff, int inC, int srcH, int srcW,
      int top, int left, int dil, int hb, int wb, int outC, int outH, int outW, int stride,
      float[] dst, int dstOff) {
    this.src = src;
    this.srcOff = srcOff;
    this.layout = s.layout();
    this.inC = inC;
    this.srcH = srcH;
    this.srcW = srcW;
    this.top = top;
    this.left = left;
    this.dil = dil;
    this.hb = hb;
    this.wb = wb;
    this.outC = outC;
    this.outH = outH;
    this.outW = outW;
    this.stride = stride;
    this.kh = s.kh();
    this.kw = s.kw();
    chooseForwardLoop(inC, hb, kw, outC, outH, outW, wb, stride, layout);
    if (loop == ForwardLoop.WIDE_PLANE || loop == ForwardLoop.COMPACT_PLANE) {
      setTaps();
    }
    this.coPad = roundUp(outC, loops.channelGroup());
    this.dst = dst;
    this.dstOff = dstOff;
  }

  /**
   * The tap table: on the wide plane a tap starts at its kernel row and column in the padded image; on
   * the compact plane at its kernel row in the copy of its kernel column.
   */
  private void setTaps() {
    int count = inC * kh * kw;
    if (taps.length < count) {
      taps = new int[count];
    }
    boolean compact = loop == ForwardLoop.COMPACT_PLANE;
    int copy = hb * outW;
    for (int ci = 0, t = 0; ci < inC; ci++) {
      for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++, t++) {
          taps[t] = compact
              ? (ci * kw + kx) * copy + ky * outW
              : ci * hb * wb + ky * wb + kx;
        }
      }
    }
  }

  private void packWeights(float[] w, int wOff, ConvShape s, boolean transposed) {
    int ins = transposed ? s.cout() : s.cin();
    boolean planar = loop != ForwardLoop.CHANNEL;
    int needed = planar
        ? roundUp(outC, TILE) * ins * kh * kw + lanes
        : kh * kw * ins * coPad;
    if (packedWeights.length < needed) {
      packedWeights = new float[needed];
    }
    int biasNeeded = Math.max(roundUp(outC, TILE), coPad);
    if (packedBias.length < biasNeeded) {
      packedBias = new float[biasNeeded];
    }
    if (loop == ForwardLoop.ROW_TILES) {
      Packing.oihw(w, wOff, layout, s.cout(), s.cin(), kh, kw, transposed, packedWeights);
    } else if (planar) {
      Packing.planarWeights(w, wOff, layout, s.cout(), s.cin(), kh, kw, transposed, packedWeights);
    } else {
      Packing.channelWeights(w, wOff, layout, s.cout(), s.cin(), kh, kw, transposed, packedWeights,
          coPad);
    }
  }

  private void forwardImage(int n, int worker) {
    boolean planar = loop != ForwardLoop.CHANNEL;
    int image = srcOff + n * inC * srcH * srcW;
    if (loop == ForwardLoop.COMPACT_PLANE && readsInPlace(image)) {
      planarOutput(n, worker, src, image);
      return;
    }
    if (loop == ForwardLoop.CHANNEL && unpadded() && (layout == Layout.NHWC || inC == 1)) {
      // the channel loops read only inside the image: an unpadded NHWC image is their buffer
      channelImage(n, worker, src, image);
      return;
    }
    float[] buf = scratch(inScratch, worker, inC * hb * wb + lanes + kw);
    Packing.image(src, image, layout, inC, srcH, srcW, buf, 0, planar, hb, wb, top, left, dil,
        lanes + kw);
    if (planar) {
      planarOutput(n, worker, buf, 0);
    } else {
      channelImage(n, worker, buf, 0);
    }
  }

  /** Whether the padded buffer of the current problem would equal the source image. */
  private boolean unpadded() {
    return top == 0 && left == 0 && dil == 1 && hb == srcH && wb == srcW;
  }

  /**
   * Whether the compact plane's copies can read the image at {@code image} in src as it is: planar,
   * unpadded, undilated, and with the copies' reads past a row's end still inside src.
   */
  private boolean readsInPlace(int image) {
    boolean planarSource = layout == Layout.NCHW || inC == 1;
    long lastRead = (long) image + (long) inC * hb * wb - wb + kw - 1 + outW + lanes - 1;
    return planarSource && unpadded() && lastRead <= src.length;
  }

  /** The planar loops on an image of inC planes of hb x wb from {@code in[inOff]}. */
  private void planarOutput(int n, int worker, float[] in, int inOff) {
    int outPlane = outH * outW;
    boolean direct = layout == Layout.NCHW;
    float[] out = direct ? dst : scratch(outScratch, worker, outPlane * outC);
    int outBase = direct ? dstOff + n * outC * outPlane : 0;
    switch (loop) {
      case ROW_TILES -> rowTiles(in, inOff, out, outBase);
      case COMPACT_PLANE -> compactPlane(in, inOff, worker, out, outBase);
      default -> widePlane(in, inOff, worker, out, outBase);
    }
    if (!direct) {
      Packing.toInterleaved(out, 0, outPlane, outC, dst, dstOff + n * outPlane * outC);
    }
  }

  private void rowTiles(float[] in, int inOff, float[] out, int outBase) {
    int perChannel = inC * kh * kw;
    for (int c = 0; c < outC; c++) {
      int plane = outBase + c * outH * outW;
      for (int oy = 0; oy < outH; oy += TILE) {
        loops.planarRows(in, inOff + oy * wb, hb * wb, wb, inC, kh, kw, packedWeights, c * perChannel,
            packedBias[c], out, plane + oy * outW, outW, Math.min(TILE, outH - oy), outW);
      }
    }
  }

  /** The wide plane: outH rows at the padded pitch wb; the columns past outW are dropped. */
  private void widePlane(float[] in, int inOff, int worker, float[] out, int outBase) {
    int tileWeights = inC * kh * kw * TILE;
    int wide = outH * wb;
    float[] wideOut = scratch(wideScratch, worker, Math.min(TILE, outC) * wide);
    for (int c0 = 0; c0 < outC; c0 += TILE) {
      int rows = Math.min(TILE, outC - c0);
      int tileBase = c0 / TILE * tileWeights;
      if (wide >= 4 * lanes) {
        for (int r = 0; r < rows; ) {
          int block = blockRows(rows - r);
          block(in, inOff, tileBase + r, c0 + r, wideOut, r * wide, wide, Math.min(block, rows - r),
              wide, block);
          r += block;
        }
      } else {
        loops.planarForward(in, inOff, taps, inC * kh * kw, packedWeights, tileBase, packedBias, c0,
            wideOut, 0, wide, rows, wide);
      }
      for (int r = 0; r < rows; r++) {
        int plane = outBase + (c0 + r) * outH * outW;
        for (int oy = 0; oy < outH; oy++) {
          System.arraycopy(wideOut, r * wide + oy * wb, out, plane + oy * outW, outW);
        }
      }
    }
  }

  /**
   * The compact plane: per input channel and kernel column kx, a copy of the padded image's hb rows
   * from column kx, outW wide; the output planes are then dense and written in place.
   */
  private void compactPlane(float[] in, int inOff, int worker, float[] out, int outBase) {
    int copy = hb * outW;
    float[] shifted = scratch(compactScratch, worker, inC * kw * copy + lanes);
    for (int ci = 0; ci < inC; ci++) {
      // the kw copies of a channel are its windows one column apart
      loops.copyWindows(in, inOff + ci * hb * wb, 1, wb, shifted, ci * kw * copy, kw, hb, outW);
    }
    int tileWeights = inC * kh * kw * TILE;
    int outPlane = outH * outW;
    for (int c0 = 0; c0 < outC; c0 += TILE) {
      int rows = Math.min(TILE, outC - c0);
      int tileBase = c0 / TILE * tileWeights;
      for (int r = 0; r < rows; ) {
        int block = blockRows(rows - r);
        block(shifted, 0, tileBase + r, c0 + r, out, outBase + (c0 + r) * outPlane, outPlane,
            Math.min(block, rows - r), outPlane, block);
        r += block;
      }
    }
  }

  /**
   * Channels of the next planar block when {@code remaining} (at most TILE) are left: 4 while that
   * leaves no remainder the 3-row block does better, else 3 (6 as 3 + 3, 5 as 3 + 2, 1-3 as one
   * block of 3), so that as few rows as possible are computed to be dropped.
   */
  private static int blockRows(int remaining) {
    return remaining >= ConvLoops.BLOCK_ROWS && remaining != 5 && remaining != 6
        ? ConvLoops.BLOCK_ROWS
        : 3;
  }

  /** Channel rows the planar blocks compute for outC channels (see {@link #blockRows}). */
  static int blockedRows(int outC) {
    int computed = 0;
    for (int c0 = 0; c0 < outC; c0 += TILE) {
      int rows = Math.min(TILE, outC - c0);
      for (int r = 0; r < rows; ) {
        int block = blockRows(rows - r);
        computed += block;
        r += block;
      }
    }
    return computed;
  }

  /** One planar block of {@code block} (4 or 3) channel rows, of which {@code rows} are stored. */
  private void block(float[] in, int inOff, int wBase, int biasOff, float[] out, int outBase,
      int outPlane, int rows, int width, int block) {
    if (block == ConvLoops.BLOCK_ROWS) {
      loops.planarBlock(in, inOff, taps, inC * kh * kw, packedWeights, wBase, packedBias, biasOff,
          out, outBase, outPlane, rows, width);
    } else {
      loops.planarBlock3(in, inOff, taps, inC * kh * kw, packedWeights, wBase, packedBias, biasOff,
          out, outBase, outPlane, rows, width);
    }
  }

  /** The channel loops: vectors over output channels, in NHWC order. */
  private void channelImage(int n, int worker, float[] in, int inOff) {
    int outPlane = outH * outW;
    boolean direct = layout == Layout.NHWC;
    float[] out = direct ? dst : scratch(outScratch, worker, outPlane * outC);
    int outBase = direct ? dstOff + n * outPlane * outC : 0;
    int rowPitch = wb * inC;
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox += TILE) {
        loops.channelForward(in, inOff + (oy * wb + ox) * stride * inC, stride * inC, rowPitch, kh,
            kw * inC, packedWeights, coPad, outC, packedBias, out, outBase + (oy * outW + ox) * outC,
            Math.min(TILE, outW - ox));
      }
    }
    if (!direct) {
      loops.toPlanes(out, 0, outC, 1, outPlane, dst, dstOff + n * outC * outPlane, outPlane,
          outPlane);
    }
  }

  /** perWorker[worker], grown to at least size floats (each worker touches only its own). */
  static float[] scratch(float[][] perWorker, int worker, int size) {
    float[] a = perWorker[worker];
    if (a == null || a.length < size) {
      a = new float[size];
      perWorker[worker] = a;
    }
    return a;
  }

  static int roundUp(int v, int m) {
    return (v + m - 1) / m * m;
  }
}
