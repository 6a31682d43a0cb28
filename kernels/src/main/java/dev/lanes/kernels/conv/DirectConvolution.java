package dev.lanes.kernels.conv;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Convolution;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.dense.GemmLoops;
import dev.lanes.kernels.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Direct convolution on {@link ConvLoops}: per call, the planar loops (stride 1 only: vectors along the
 * wide or the compact plane in tiles of channels, one vector per output row on pitched rows, or along
 * output rows in tiles of rows) or the channel
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

  private final ConvLoops loops;
  private final WorkerPool pool;
  private final int lanes;
  private final float[][] inScratch;
  private final float[][] outScratch;
  private final PlanarForward planarForward;
  private final WorkerPool.Task forwardTask = this::forwardImage;
  private final WorkerPool.Task scatterTask = this::scatterImage;
  private final WeightGradient weightGradient;
  /** The GEMM data gradient, or null where the caller asked for the direct loops alone. */
  private final GemmDataGradient gemmData;
  private float[] packedWeights = new float[0];
  private float[] packedBias = new float[0];

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
    this.planarForward = new PlanarForward(loops, pool.parallelism());
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
   * Picks the loop of a stride-1 (or, channel loop only, strided) forward problem by the lanes it fills:
   * channel vectors over outC channels, planar vectors along the wide or the compact plane in tiles of
   * channels, or along output rows in tiles of TILE rows of one channel. Sets {@link #loop}; returns
   * the fill of the loop chosen. A tie between the planar and channel orders goes to the layout's own
   * order, which needs no transposition, and between the wide and compact planes to the wide one,
   * which needs no copies. Outputs exactly {@link ConvLoops#rowLanes} wide whose padded rows fit the
   * constant pitch {@link ConvLoops#rowPitch} take pitched rows at a tie with the planes: one copy of
   * the input instead of one per kernel column (LeNet's conv2 at 256 and 512 bits: 8 outputs of 12-wide
   * rows).
   */
  private double chooseForwardLoop(int inC, int inRows, int kw, int outC, int outH, int outW,
      int rowPitch, int stride, Layout layout) {
    double channelFill = (double) outC / roundUp(outC, loops.channelGroup());
    double channelShare = (double) outC / PlanarForward.blockedRows(outC);
    double wideTiles = PlanarForward.wideFill(outH, outW, rowPitch, lanes) * channelShare;
    double compactTiles =
        PlanarForward.compactFill(inC, kw, inRows, outH, outW, lanes) * channelShare;
    boolean pitchFits = stride == 1 && outW == loops.rowLanes() && rowPitch <= loops.rowPitch()
        && outH >= 4;
    double pitchedTiles = pitchFits
        ? (double) outC / roundUp(outC, ConvLoops.BLOCK_ROWS)
        : 0;
    double channelTiles = Math.max(Math.max(wideTiles, compactTiles), pitchedTiles);
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
    } else if (pitchedTiles > 0 && pitchedTiles >= Math.max(wideTiles, compactTiles)) {
      loop = ForwardLoop.PITCHED_ROWS;
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
    if (loop == ForwardLoop.PITCHED_ROWS) {
      // the padded buffer's rows at the loop's constant pitch, zero past wb
      this.wb = loops.rowPitch();
    }
    if (loop != ForwardLoop.CHANNEL) {
      planarForward.set(loop, inC, hb, this.wb, kh, kw, outC, outH, outW);
    }
    this.coPad = roundUp(outC, loops.channelGroup());
    this.dst = dst;
    this.dstOff = dstOff;
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
    if (loop == ForwardLoop.PITCHED_ROWS && copiesWholeRows(image)) {
      // each row copied as one run of the pitch: what lands past the row's end is never read, so the
      // buffer needs no zeroing (Packing.image's zeroed copy cost as much as a tenth of K2's pass)
      float[] buf = scratch(inScratch, worker, inC * hb * wb + lanes + kw);
      loops.copyWindows(src, image, 0, srcW, buf, 0, 1, inC * hb, wb);
      planarOutput(n, worker, buf, 0);
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
    return unpadded(wb);
  }

  /** Whether an image padded to hb rows of {@code width} would hold the source without padding. */
  private boolean unpadded(int width) {
    return top == 0 && left == 0 && dil == 1 && hb == srcH && width == srcW;
  }

  /**
   * Whether pitched rows can copy the image at {@code image} in src row by row, a whole pitch a row:
   * planar, unpadded, undilated, and the last row's pitch still inside src (the pitch is a multiple
   * of lanes(), so {@link ConvLoops#copyWindows} reads no further).
   */
  private boolean copiesWholeRows(int image) {
    boolean planarSource = layout == Layout.NCHW || inC == 1;
    // wb is the pitch here; stride 1 makes the padded width outW + kw - 1
    boolean unpaddedRows = unpadded(outW + kw - 1);
    long lastRead = (long) image + (long) (inC * hb - 1) * srcW + wb;
    return planarSource && unpaddedRows && lastRead <= src.length;
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
    planarForward.image(in, inOff, worker, packedWeights, packedBias, out, outBase);
    if (!direct) {
      Packing.toInterleaved(out, 0, outPlane, outC, dst, dstOff + n * outPlane * outC);
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
