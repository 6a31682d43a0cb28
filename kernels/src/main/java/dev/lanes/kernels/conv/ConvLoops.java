package dev.lanes.kernels.conv;

/**
 * The inner loops of direct convolution, in two memory orders, and the copies and gathers around the
 * GEMM paths. Each loop computes a tile of rows (output pixels or output channels) at once so that a
 * Vector API implementation keeps the tile's accumulators in registers; rows beyond the valid count are
 * computed on clamped or zero inputs and not stored. Inputs are padded images built by {@link Packing},
 * copies made by {@link #copyWindows}, or the caller's unpadded images themselves: every read stays
 * inside them, or within the slack a method names.
 *
 * <p>"Channel" loops serve NHWC: vectors run over channels (forward) or over a kernel row's (kx, ci)
 * span (weights). "Planar" loops serve NCHW: vectors run along an output row, or along the wide plane
 * (output rows at the padded input's pitch, flattened) or the compact plane (the input copied per
 * kernel column, cut to the output's width) where the caller passes it as one long row.
 */
interface ConvLoops {
  /** Rows of one tile. */
  int TILE = 8;
  /** Pixels of one {@link #channelScatter} tile. */
  int SCATTER_TILE = 4;

  /** Floats per vector (1 for the scalar loops). */
  int lanes();

  /** Output channels {@link #channelForward} computes at once; its coPad is a multiple of this. */
  int channelGroup();

  /**
   * For {@code pixels} (at most TILE) output pixels i, and every output channel c < co:
   * out[outBase + i * co + c] = bias[c] + sum over ky < kh, j < span of
   * in[inBase + i * pixStep + ky * rowPitch + j] * w[(ky * span + j) * coPad + c].
   * {@code bias} holds coPad values (zero past co).
   */
  void channelForward(float[] in, int inBase, int pixStep, int rowPitch, int kh, int span,
      float[] w, int coPad, int co, float[] bias, float[] out, int outBase, int pixels);

  /**
   * For output channels r < rows (at most TILE) and every j < span:
   * out[outBase + r * outStride + j] += sum over images m < images, rows y < oh, columns x < ow of
   * dy[dyBase + m * dyImage + (y * ow + x) * co + r] *
   * in[inBase + m * inImage + y * inRowStep + x * inColStep + j].
   */
  void channelWeights(float[] in, int inBase, int inImage, int inRowStep, int inColStep, int span,
      float[] dy, int dyBase, int dyImage, int co, int rows, int images, int oh, int ow,
      float[] out, int outBase, int outStride);

  /** Taps of one {@link #tapWeights} tile. */
  int TAP_TILE = 10;

  /**
   * For taps j < TAP_TILE and channels c < channelGroup():
   * out[outBase + j * channelGroup() + c] += sum over pixels q in [from, to), in increasing q, of
   * in[pixelAt[q] + tapBase + j] * dy[dyBase + q * channelGroup() + c]. The weight gradient with vectors
   * over output channels: TAP_TILE broadcasts and the group's vector loads feed 2 * TAP_TILE
   * multiply-adds per pixel, and the taps are consecutive floats (a run of a kernel row's (kx, ci)
   * span) so that one bounds check covers a pixel's broadcasts. Taps past the caller's span are
   * computed and ignored: {@code in} must be readable that far.
   */
  void tapWeights(float[] in, int[] pixelAt, int from, int to, int tapBase, float[] dy,
      int dyBase, float[] out, int outBase);

  /**
   * For output channels r < rows (at most TILE) and positions x < width of a plane:
   * out[outBase + r * outPlane + x] = bias[biasOff + r] + sum over t < tapCount of
   * w[wBase + t * TILE + r] * in[inBase + taps[t] + x], the sum in increasing t. taps[t] is where tap t
   * (input channel, kernel row, kernel column, in that order) starts in the caller's planes, so one flat
   * loop runs over all taps (nested loops over a 5-wide kernel ran 25% slower). Reads TILE weights a
   * tap and {@code bias} from biasOff to biasOff + TILE whatever rows is; {@code in} must hold
   * lanes() - 1 readable floats past every span it reads.
   */
  void planarForward(float[] in, int inBase, int[] taps, int tapCount, float[] w, int wBase,
      float[] bias, int biasOff, float[] out, int outBase, int outPlane, int rows, int width);

  /** Output channels of one {@link #planarBlock} tile (it spans 4 vectors of positions). */
  int BLOCK_ROWS = 4;

  /**
   * {@link #planarForward} for rows at most BLOCK_ROWS output channels, whose weights are still TILE
   * apart, in tiles of those channels by 4 vectors of positions: 8 loads feed 16 multiply-adds instead
   * of 9 feeding 8. width must be at least 4 * lanes(); where it is not a multiple of that, the last
   * tile ends at width and recomputes some positions of the one before, identically.
   */
  void planarBlock(float[] in, int inBase, int[] taps, int tapCount, float[] w, int wBase,
      float[] bias, int biasOff, float[] out, int outBase, int outPlane, int rows, int width);

  /**
   * {@link #planarBlock} for rows at most 3, in tiles of 3 channels by 4 vectors (7 loads feed 12
   * multiply-adds): for channel counts that blocks of 4 would pad, such as LeNet conv1's 6 (3 + 3
   * rows computed instead of 4 + 4).
   */
  void planarBlock3(float[] in, int inBase, int[] taps, int tapCount, float[] w, int wBase,
      float[] bias, int biasOff, float[] out, int outBase, int outPlane, int rows, int width);

  /** Floats of one {@link #pitchedBlock} output row: the width of the outputs it serves. */
  int rowLanes();

  /**
   * The row pitch of {@link #pitchedBlock}'s input: a constant of the implementation, a multiple of
   * lanes().
   */
  int rowPitch();

  /**
   * For output channels r < rows (at most BLOCK_ROWS), output rows j < 4 and x < rowLanes():
   * out[outBase + r * outPlane + j * rowLanes() + x] = bias[biasOff + r] + sum over t < tapCount of
   * w[wBase + t * TILE + r] * in[inBase + taps[t] + j * rowPitch() + x], the sum in increasing t. A
   * vector is one output row; the input's rows are rowPitch() apart, a constant, so that the four rows
   * read at constant offsets from one index (one bounds check; a pitch held in a variable ran the same
   * tile 1.8x slower). Reads BLOCK_ROWS weights a tap and bias from biasOff to biasOff + BLOCK_ROWS
   * whatever rows is.
   */
  void pitchedBlock(float[] in, int inBase, int[] taps, int tapCount, float[] w, int wBase,
      float[] bias, int biasOff, float[] out, int outBase, int outPlane, int rows);

  /**
   * For output rows r < rows (at most TILE) of one output channel and columns x < width:
   * out[outBase + r * outRowPitch + x] = bias + sum over ci < cin, ky < kh, kx < kw of
   * w[wBase + (ci * kh + ky) * kw + kx] * in[inBase + ci * planePitch + (r + ky) * rowPitch + kx + x].
   * The tile runs over rows instead of channels, for outputs with few channels. {@code in} must hold
   * lanes() - 1 readable floats past every row it reads.
   */
  void planarRows(float[] in, int inBase, int planePitch, int rowPitch, int cin, int kh, int kw,
      float[] w, int wBase, float bias, float[] out, int outBase, int outRowPitch, int rows,
      int width);

  /** Output channels of one {@link #planarWeights} tile. */
  int WEIGHT_ROWS = 3;
  /** Taps of one {@link #planarWeights} tile. */
  int WEIGHT_TAPS = 5;

  /**
   * For output channels r < rows (at most WEIGHT_ROWS) and taps t < taps (at most WEIGHT_TAPS), with
   * q = outBase + r * outStride + tapOut[tap0 + t], and every lane l < lanes():
   * out[q * lanes() + l] = sum over images m < images, rows y < oh, columns x < width with
   * x % lanes() == l of dy[dyBase + m * dyImage + r * dyPlane + y * width + x] *
   * in[inBase + m * inImage + y * rowPitch + tapIn[tap0 + t] + x]. The caller adds the lanes in a fixed
   * order at the end (a reduction per call would cost more than the tile). width is a multiple of
   * lanes(); dy is zero wherever a product must not count (the caller's padding), and in holds
   * readable floats wherever the loop reaches.
   */
  void planarWeights(float[] in, int inBase, int inImage, int rowPitch, int[] tapIn, int[] tapOut,
      int tap0, int taps, float[] dy, int dyBase, int dyImage, int dyPlane, int rows, int images,
      int oh, int width, float[] out, int outBase, int outStride);

  /**
   * The data gradient as a scatter, for {@code pixels} (at most SCATTER_TILE) output pixels i in turn
   * and every
   * ky < kh, j < span: out[outBase + i * pixStep + ky * rowPitch + j] += sum over c < co of
   * dy[dyBase + i * co + c] * w[(c * kh + ky) * span + j]. {@code w} is OHWI with span = kw * ci, and
   * holds lanes() readable floats past its end.
   */
  void channelScatter(float[] dy, int dyBase, int co, float[] w, int kh, int span, float[] out,
      int outBase, int pixStep, int rowPitch, int pixels);

  /**
   * Windows of an image, one after another: dst[dstOff + (i * rows + r) * width + x] =
   * src[srcOff + i * pixStep + r * srcPitch + x] for i < windows, r < rows and x < width, in that
   * order (the GEMM weight gradient's tap matrix, a window per pixel; the compact plane, a channel's
   * kw windows one column apart; the GEMM data gradient's dx rows, one window). May also read and write up to lanes() - 1 floats past each row's end (the next row, or
   * the caller's next call, overwrites what was written there), so both arrays need that much slack;
   * none where width is a multiple of lanes() (whole vectors copy exactly).
   */
  void copyWindows(float[] src, int srcOff, int pixStep, int srcPitch, float[] dst, int dstOff,
      int windows, int rows, int width);

  /**
   * One row of a data gradient from the GEMM path's columns: for x < width,
   * out[outOff + x] = the sum (in an order fixed by the implementation), over ky < kh and kx < kw
   * with oy = row - ky in [0, oh) and
   * ox = x + shift - kx where inRow[inRowOff + ox], of
   * col[colOff + (ky * kw + kx) * tapStride + oy * ow + ox]. inRow marks ox in [0, ow) and must be
   * defined for ox from -kw to width + shift + lanes(). col is read in whole vectors (lanes where inRow
   * is false are read and not added), so it needs lanes() + kw readable floats before colOff and after
   * the last position it reads. out is written in whole vectors: up to lanes() - 1 floats past width
   * get values of no use.
   */
  void gatherRow(float[] col, int colOff, int tapStride, int kh, int kw, int oh, int ow, int row,
      int shift, boolean[] inRow, int inRowOff, float[] out, int outOff, int width);

  /**
   * Planes to interleaved pixels (NCHW order to NHWC): dst[dstOff + p * c + ch] =
   * src[srcOff + ch * pixels + p] for ch < c and p < pixels. {@code map} is the caller's scratch of at
   * least c * lanes() ints, overwritten.
   */
  void toPixels(float[] src, int srcOff, int c, int pixels, float[] dst, int dstOff, int[] map);

  /**
   * Interleaved pixels (NHWC order) to planes: dst[dstOff + ch * planePitch + y * rowPitch + x] =
   * src[srcOff + (y * w + x) * c + ch] for ch < c, y < h and x < w; nothing else is written.
   */
  void toPlanes(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, int rowPitch,
      int planePitch);

  /** Sum of a[off .. off + count), in a fixed order. */
  float sum(float[] a, int off, int count);

  /** acc[c] += sum over p < pixels of a[off + p * co + c], for c < co: column sums of pixels x co. */
  void addColumnSums(float[] a, int off, int pixels, int co, float[] acc);
}
