package dev.lanes.kernels.conv;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.dense.GemmLoops;
import dev.lanes.kernels.dense.Operands;
import dev.lanes.kernels.parallel.WorkerPool;
import java.util.Arrays;

/**
 * The data gradient of small stride-1 convolutions as a matrix product, one image at a time, on the
 * dense layer's register-tiled GEMM. With K = cin * kh * kw taps and P = outH * outW pixels,
 * dcol (K x P) = W^T (K x cout) . dy (cout x P); then each dx row gathers its taps' values from dcol in
 * vector registers (col2im without a scatter, so no store ever overlaps a later load). The GEMM's tile
 * is 4 taps by 4 vectors of pixels, 8 loads for 16 multiply-adds, and every lane holds a real pixel;
 * the direct forms either broadcast a dy value per multiply-add (scatter) or run over dy dilated by
 * zeros. Measured on LeNet's layers in docs/convolution.md. Tap k follows the layout's weight order
 * (OIHW: ci, ky, kx; OHWI: ky, kx, ci), so W is read as stored. Each dx image is written by one task:
 * results do not depend on the thread count.
 */
final class GemmDataGradient {
  /**
   * The largest tap-by-pixel matrix (K x P floats, 256 KB) the data gradient builds (beyond it, the
   * direct paths run), and the weight gradient's run length (this many floats of taps, at least a pixel).
   */
  static final int MAX_COLUMN_FLOATS = 1 << 16;

  private final GemmLoops gemm;
  private final ConvLoops loops;
  private final WorkerPool pool;
  private final int lanes;
  private final float[][] dyPlanes;
  private final float[][] columns;
  private final float[][] dxPlanes;
  private final Operands[] operands;
  private final WorkerPool.Task task = this::image;
  /** Which columns of a dy row exist, as {@link ConvLoops#gatherRow} reads them; see markRow. */
  private boolean[] inRow = new boolean[0];
  private int inRowOrigin;

  // The current call.
  private ConvShape s;
  private float[] dy;
  private int dyOff;
  private float[] w;
  private int wOff;
  private float[] dx;
  private int dxOff;

  GemmDataGradient(GemmLoops gemm, ConvLoops loops, WorkerPool pool) {
    this.gemm = gemm;
    this.loops = loops;
    this.pool = pool;
    this.lanes = loops.lanes();
    int workers = pool.parallelism();
    this.dyPlanes = new float[workers][];
    this.columns = new float[workers][];
    this.dxPlanes = new float[workers][];
    this.operands = new Operands[workers];
    for (int i = 0; i < workers; i++) {
      operands[i] = new Operands();
    }
  }

  /** Whether s runs here: stride 1 and a K x P matrix of at most MAX_COLUMN_FLOATS. */
  static boolean pays(ConvShape s) {
    return s.stride() == 1 && columnFloats(s) <= MAX_COLUMN_FLOATS;
  }

  /** K x P: the tap-by-pixel matrix of one image. */
  static long columnFloats(ConvShape s) {
    return (long) s.cin() * s.kh() * s.kw() * s.outH() * s.outW();
  }

  /** dx from dy, for a shape that {@link #pays}; arguments already checked. */
  void run(ConvShape s, float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff) {
    this.s = s;
    this.dy = dy;
    this.dyOff = dyOff;
    this.w = w;
    this.wOff = wOff;
    this.dx = dx;
    this.dxOff = dxOff;
    markRow(s.outW(), s.kw(), s.w() + s.pad());
    try {
      pool.run(s.n(), DirectConvolution.parallel(s), task);
    } finally {
      this.dy = null;
      this.w = null;
      this.dx = null;
      for (Operands o : operands) {
        o.clear();
      }
    }
  }

  /** inRow[inRowOrigin + ox] = (0 <= ox < ow), for ox from -kw to reach + lanes (and to ow). */
  private void markRow(int ow, int kw, int reach) {
    inRowOrigin = kw;
    // with a pad wider than the kernel, ow runs past reach
    int size = kw + Math.max(reach, ow) + 2 * lanes;
    if (inRow.length < size) {
      inRow = new boolean[size];
    }
    Arrays.fill(inRow, false);
    Arrays.fill(inRow, inRowOrigin, inRowOrigin + ow, true);
  }

  private void image(int n, int worker) {
    ConvShape s = this.s;
    int ci = s.cin();
    int co = s.cout();
    int kh = s.kh();
    int kw = s.kw();
    int oh = s.outH();
    int ow = s.outW();
    int p = oh * ow;
    int k = ci * kh * kw;
    boolean nchw = s.layout() == Layout.NCHW;
    float[] g = dy;
    int gBase = dyOff + n * co * p;
    if (!nchw) {
      g = DirectConvolution.scratch(dyPlanes, worker, co * p);
      loops.toPlanes(dy, gBase, co, 1, p, g, 0, p, p);
      gBase = 0;
    }
    // margins on both sides keep gatherRow's whole-vector loads inside the array
    int margin = 2 * lanes + kw;
    float[] dcol = DirectConvolution.scratch(columns, worker, k * p + 2 * margin);
    Operands o = operands[worker];
    o.set(w, wOff, 1, k, g, gBase, p, dcol, margin, p, null, 0);
    gemm.multiply(o, 0, k, 0, p, 0, co, false, false);
    // dx rows gathered at a pitch of whole vectors (stores without masks, which measured slow between
    // the gathers' loads inside LeNet), then copied out
    int h = s.h();
    int w = s.w();
    int pitch = (w + lanes - 1) / lanes * lanes;
    float[] rows = DirectConvolution.scratch(dxPlanes, worker, ci * h * pitch);
    int tapStride = nchw ? p : ci * p;
    for (int c = 0; c < ci; c++) {
      int colOff = margin + (nchw ? c * kh * kw * p : c * p);
      for (int y = 0; y < h; y++) {
        loops.gatherRow(dcol, colOff, tapStride, kh, kw, oh, ow, y + s.pad(), s.pad(), inRow,
            inRowOrigin, rows, (c * h + y) * pitch, w);
      }
    }
    int image = dxOff + n * ci * h * w;
    if (nchw) {
      // the image's rows are contiguous in dx: whole-vector copies, each overrun (under a vector)
      // rewritten by the rows after it, and the rows whose overrun would leave the image copied
      // exactly (System.arraycopy per 12-float row cost 8% of LeNet conv2's data gradient)
      int total = ci * h;
      int exact = Math.min(total, (lanes - 1 + w - 1) / w);
      loops.copyWindows(rows, 0, 0, pitch, dx, image, 1, total - exact, w);
      for (int r = total - exact; r < total; r++) {
        System.arraycopy(rows, r * pitch, dx, image + r * w, w);
      }
      return;
    }
    for (int c = 0; c < ci; c++) {
      for (int y = 0; y < h; y++) {
        int from = (c * h + y) * pitch;
        for (int x = 0, to = image + y * w * ci + c; x < w; x++, to += ci) {
          dx[to] = rows[from + x];
        }
      }
    }
  }
}
