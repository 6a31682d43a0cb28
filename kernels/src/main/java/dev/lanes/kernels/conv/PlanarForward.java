package dev.lanes.kernels.conv;

/**
 * The planar forward loops of {@link DirectConvolution} on one image (stride 1): vectors along the wide
 * plane (output rows at the padded input's pitch) or the compact plane (the input copied once per
 * kernel column, cut to the output's width) in blocks of channels, one vector per output row on pitched
 * rows (the input's rows a constant pitch apart), or along output rows in tiles of rows of one
 * channel. Holds the current problem's shape, its tap table and the per-worker scratch; a
 * call allocates nothing once the scratch has grown.
 */
final class PlanarForward {
  /** The largest compact plane set (floats) of one image: 256 KB, so that it stays in L2. */
  static final int COMPACT_MAX_FLOATS = 64 * 1024;
  private static final int TILE = ConvLoops.TILE;

  private final ConvLoops loops;
  private final int lanes;
  private final float[][] wideScratch;
  private final float[][] compactScratch;
  /** Where each tap starts in the planes of a channel-block problem (see planarForward). */
  private int[] taps = new int[0];

  // The current problem: inC planes of hb x wb in, outC planes of outH x outW out.
  private ForwardLoop loop;
  private int inC;
  private int hb;
  private int wb;
  private int kh;
  private int kw;
  private int outC;
  private int outH;
  private int outW;

  PlanarForward(ConvLoops loops, int parallelism) {
    this.loops = loops;
    this.lanes = loops.lanes();
    this.wideScratch = new float[parallelism][];
    this.compactScratch = new float[parallelism][];
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
   * Channels of the next planar block when {@code remaining} (at most TILE) are left: 4, except for 5
   * or 6 (3 + 2 and 3 + 3 compute fewer rows than 4 + 4) and under 4 (one block of 3), so that as few
   * rows as possible are computed to be dropped.
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

  /** Sets the problem of the next calls of {@link #image} (loop is planar). */
  void set(ForwardLoop loop, int inC, int hb, int wb, int kh, int kw, int outC, int outH, int outW) {
    this.loop = loop;
    this.inC = inC;
    this.hb = hb;
    this.wb = wb;
    this.kh = kh;
    this.kw = kw;
    this.outC = outC;
    this.outH = outH;
    this.outW = outW;
    if (loop != ForwardLoop.ROW_TILES) {
      setTaps();
    }
  }

  /**
   * The outC output planes of one image, from its inC padded planes at {@code in[inOff]}, into
   * {@code out} from outBase (planes outH x outW apart), with weights and bias packed for the loop.
   */
  void image(float[] in, int inOff, int worker, float[] packedWeights, float[] packedBias,
      float[] out, int outBase) {
    switch (loop) {
      case ROW_TILES -> rowTiles(in, inOff, packedWeights, packedBias, out, outBase);
      case COMPACT_PLANE ->
          compactPlane(in, inOff, worker, packedWeights, packedBias, out, outBase);
      case PITCHED_ROWS -> pitchedRows(in, inOff, packedWeights, packedBias, out, outBase);
      default -> widePlane(in, inOff, worker, packedWeights, packedBias, out, outBase);
    }
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

  private void rowTiles(float[] in, int inOff, float[] packedWeights, float[] packedBias,
      float[] out, int outBase) {
    int perChannel = inC * kh * kw;
    for (int c = 0; c < outC; c++) {
      int plane = outBase + c * outH * outW;
      for (int oy = 0; oy < outH; oy += TILE) {
        loops.planarRows(in, inOff + oy * wb, hb * wb, wb, inC, kh, kw, packedWeights,
            c * perChannel, packedBias[c], out, plane + oy * outW, outW, Math.min(TILE, outH - oy),
            outW);
      }
    }
  }

  /**
   * Pitched rows: the padded buffer's rows are {@link ConvLoops#rowPitch} apart (wb is that pitch),
   * each output row one vector; blocks of 4 channels by 4 rows, the last row block overlapping the one
   * before where outH is not a multiple of 4 (it rewrites equal values).
   */
  private void pitchedRows(float[] in, int inOff, float[] packedWeights, float[] packedBias,
      float[] out, int outBase) {
    int tileWeights = inC * kh * kw * TILE;
    int outPlane = outH * outW;
    int rowBlock = 4;
    for (int c0 = 0; c0 < outC; c0 += TILE) {
      int rows = Math.min(TILE, outC - c0);
      int tileBase = c0 / TILE * tileWeights;
      for (int r = 0; r < rows; r += ConvLoops.BLOCK_ROWS) {
        for (int y = 0; y < outH; y += rowBlock) {
          int oy = Math.min(y, outH - rowBlock);
          loops.pitchedBlock(in, inOff + oy * wb, taps, inC * kh * kw, packedWeights, tileBase + r,
              packedBias, c0 + r, out, outBase + (c0 + r) * outPlane + oy * outW, outPlane,
              Math.min(ConvLoops.BLOCK_ROWS, rows - r));
        }
      }
    }
  }

  /** The wide plane: outH rows at the padded pitch wb; the columns past outW are dropped. */
  private void widePlane(float[] in, int inOff, int worker, float[] packedWeights,
      float[] packedBias, float[] out, int outBase) {
    int tileWeights = inC * kh * kw * TILE;
    int wide = outH * wb;
    float[] wideOut = scratch(wideScratch, worker, Math.min(TILE, outC) * wide);
    for (int c0 = 0; c0 < outC; c0 += TILE) {
      int rows = Math.min(TILE, outC - c0);
      int tileBase = c0 / TILE * tileWeights;
      if (wide >= 4 * lanes) {
        for (int r = 0; r < rows; ) {
          int block = blockRows(rows - r);
          block(in, inOff, packedWeights, tileBase + r, packedBias, c0 + r, wideOut, r * wide, wide,
              Math.min(block, rows - r), wide, block);
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
  private void compactPlane(float[] in, int inOff, int worker, float[] packedWeights,
      float[] packedBias, float[] out, int outBase) {
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
        block(shifted, 0, packedWeights, tileBase + r, packedBias, c0 + r, out,
            outBase + (c0 + r) * outPlane, outPlane, Math.min(block, rows - r), outPlane, block);
        r += block;
      }
    }
  }

  /** One planar block of {@code block} (4 or 3) channel rows, of which {@code rows} are stored. */
  private void block(float[] in, int inOff, float[] packedWeights, int wBase, float[] packedBias,
      int biasOff, float[] out, int outBase, int outPlane, int rows, int width, int block) {
    if (block == ConvLoops.BLOCK_ROWS) {
      loops.planarBlock(in, inOff, taps, inC * kh * kw, packedWeights, wBase, packedBias, biasOff,
          out, outBase, outPlane, rows, width);
    } else {
      loops.planarBlock3(in, inOff, taps, inC * kh * kw, packedWeights, wBase, packedBias, biasOff,
          out, outBase, outPlane, rows, width);
    }
  }

  private static float[] scratch(float[][] perWorker, int worker, int size) {
    return DirectConvolution.scratch(perWorker, worker, size);
  }

  private static int roundUp(int v, int m) {
    return DirectConvolution.roundUp(v, m);
  }
}
