package dev.lanes.kernels.conv;

/** The loops in plain Java, one float at a time (the fallback when the Vector API is absent). */
final class ScalarConvLoops implements ConvLoops {

  @Override
  public int lanes() {
    return 1;
  }

  @Override
  public int channelGroup() {
    return 1;
  }

  @Override
  public void channelForward(float[] in, int inBase, int pixStep, int rowPitch, int kh, int span,
      float[] w, int coPad, int co, float[] bias, float[] out, int outBase, int pixels) {
    for (int i = 0; i < pixels; i++) {
      int pix = inBase + i * pixStep;
      for (int c = 0; c < co; c++) {
        float acc = bias[c];
        for (int ky = 0; ky < kh; ky++) {
          int row = pix + ky * rowPitch;
          int wRow = ky * span * coPad + c;
          for (int j = 0; j < span; j++) {
            acc = Math.fma(in[row + j], w[wRow + j * coPad], acc);
          }
        }
        out[outBase + i * co + c] = acc;
      }
    }
  }

  @Override
  public void channelWeights(float[] in, int inBase, int inImage, int inRowStep, int inColStep,
      int span, float[] dy, int dyBase, int dyImage, int co, int rows, int images, int oh, int ow,
      float[] out, int outBase, int outStride) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < span; j++) {
        float acc = 0;
        for (int m = 0; m < images; m++) {
          for (int y = 0; y < oh; y++) {
            int inRow = inBase + m * inImage + y * inRowStep + j;
            int dyRow = dyBase + m * dyImage + y * ow * co + r;
            for (int x = 0; x < ow; x++) {
              acc = Math.fma(dy[dyRow + x * co], in[inRow + x * inColStep], acc);
            }
          }
        }
        out[outBase + r * outStride + j] += acc;
      }
    }
  }

  @Override
  public void tapWeights(float[] in, int[] pixelAt, int from, int to, int tapBase, float[] dy,
      int dyBase, float[] out, int outBase) {
    for (int j = 0; j < TAP_TILE; j++) {
      float acc = out[outBase + j];
      for (int q = from; q < to; q++) {
        acc = Math.fma(in[pixelAt[q] + tapBase + j], dy[dyBase + q], acc);
      }
      out[outBase + j] = acc;
    }
  }

  @Override
  public void toPixels(float[] src, int srcOff, int c, int pixels, float[] dst, int dstOff,
      int[] map) {
    for (int ch = 0; ch < c; ch++) {
      for (int p = 0; p < pixels; p++) {
        dst[dstOff + p * c + ch] = src[srcOff + ch * pixels + p];
      }
    }
  }

  @Override
  public void planarForward(float[] in, int inBase, int[] taps, int tapCount, float[] w,
      int wBase, float[] bias, int biasOff, float[] out, int outBase, int outPlane, int rows,
      int width) {
    for (int r = 0; r < rows; r++) {
      for (int x = 0; x < width; x++) {
        float acc = bias[biasOff + r];
        for (int t = 0; t < tapCount; t++) {
          acc = Math.fma(w[wBase + t * TILE + r], in[inBase + taps[t] + x], acc);
        }
        out[outBase + r * outPlane + x] = acc;
      }
    }
  }

  @Override
  public void planarBlock(float[] in, int inBase, int[] taps, int tapCount, float[] w,
      int wBase, float[] bias, int biasOff, float[] out, int outBase, int outPlane, int rows,
      int width) {
    planarForward(in, inBase, taps, tapCount, w, wBase, bias, biasOff, out, outBase, outPlane,
        rows, width);
  }

  @Override
  public void planarBlock3(float[] in, int inBase, int[] taps, int tapCount, float[] w,
      int wBase, float[] bias, int biasOff, float[] out, int outBase, int outPlane, int rows,
      int width) {
    planarForward(in, inBase, taps, tapCount, w, wBase, bias, biasOff, out, outBase, outPlane,
        rows, width);
  }

  @Override
  public int rowLanes() {
    return 8;
  }

  @Override
  public int rowPitch() {
    return 16;
  }

  @Override
  public void pitchedBlock(float[] in, int inBase, int[] taps, int tapCount, float[] w, int wBase,
      float[] bias, int biasOff, float[] out, int outBase, int outPlane, int rows) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < 4; j++) {
        for (int x = 0; x < 8; x++) {
          float acc = bias[biasOff + r];
          for (int t = 0; t < tapCount; t++) {
            acc = Math.fma(w[wBase + t * TILE + r], in[inBase + taps[t] + j * 16 + x], acc);
          }
          out[outBase + r * outPlane + j * 8 + x] = acc;
        }
      }
    }
  }

  @Override
  public void planarRows(float[] in, int inBase, int planePitch, int rowPitch, int cin, int kh,
      int kw, float[] w, int wBase, float bias, float[] out, int outBase, int outRowPitch, int rows,
      int width) {
    for (int r = 0; r < rows; r++) {
      for (int x = 0; x < width; x++) {
        float acc = bias;
        int wi = wBase;
        for (int ci = 0; ci < cin; ci++) {
          for (int ky = 0; ky < kh; ky++) {
            int row = inBase + ci * planePitch + (r + ky) * rowPitch + x;
            for (int kx = 0; kx < kw; kx++, wi++) {
              acc = Math.fma(w[wi], in[row + kx], acc);
            }
          }
        }
        out[outBase + r * outRowPitch + x] = acc;
      }
    }
  }

  @Override
  public void planarWeights(float[] in, int inBase, int inImage, int rowPitch, int[] tapIn,
      int[] tapOut, int tap0, int taps, float[] dy, int dyBase, int dyImage, int dyPlane, int rows,
      int images, int oh, int width, float[] out, int outBase, int outStride) {
    for (int r = 0; r < rows; r++) {
      for (int t = tap0; t < tap0 + taps; t++) {
        float acc = 0;
        for (int m = 0; m < images; m++) {
          for (int y = 0; y < oh; y++) {
            int dyRow = dyBase + m * dyImage + r * dyPlane + y * width;
            int inRow = inBase + m * inImage + y * rowPitch + tapIn[t];
            for (int x = 0; x < width; x++) {
              acc = Math.fma(dy[dyRow + x], in[inRow + x], acc);
            }
          }
        }
        out[outBase + r * outStride + tapOut[t]] = acc;
      }
    }
  }

  @Override
  public void channelScatter(float[] dy, int dyBase, int co, float[] w, int kh, int span,
      float[] out, int outBase, int pixStep, int rowPitch, int pixels) {
    for (int i = 0; i < pixels; i++) {
      for (int ky = 0; ky < kh; ky++) {
        int o = outBase + i * pixStep + ky * rowPitch;
        for (int j = 0; j < span; j++) {
          float acc = 0;
          for (int c = 0; c < co; c++) {
            acc = Math.fma(dy[dyBase + i * co + c], w[(c * kh + ky) * span + j], acc);
          }
          out[o + j] += acc;
        }
      }
    }
  }

  @Override
  public void copyWindows(float[] src, int srcOff, int pixStep, int srcPitch, float[] dst,
      int dstOff, int windows, int rows, int width) {
    for (int i = 0; i < windows; i++) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, srcOff + i * pixStep + r * srcPitch, dst,
            dstOff + (i * rows + r) * width, width);
      }
    }
  }

  @Override
  public void gatherRow(float[] col, int colOff, int tapStride, int kh, int kw, int oh, int ow,
      int row, int shift, boolean[] inRow, int inRowOff, float[] out, int outOff, int width) {
    for (int x = 0; x < width; x++) {
      float acc = 0;
      for (int ky = 0; ky < kh; ky++) {
        int oy = row - ky;
        if (oy < 0 || oy >= oh) {
          continue;
        }
        for (int kx = 0; kx < kw; kx++) {
          int ox = x + shift - kx;
          if (inRow[inRowOff + ox]) {
            acc += col[colOff + (ky * kw + kx) * tapStride + oy * ow + ox];
          }
        }
      }
      out[outOff + x] = acc;
    }
  }

  @Override
  public void toPlanes(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff,
      int rowPitch, int planePitch) {
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y < h; y++) {
        int to = dstOff + ch * planePitch + y * rowPitch;
        int from = srcOff + y * w * c + ch;
        for (int x = 0; x < w; x++, from += c) {
          dst[to + x] = src[from];
        }
      }
    }
  }

  @Override
  public float sum(float[] a, int off, int count) {
    float s = 0;
    for (int i = 0; i < count; i++) {
      s += a[off + i];
    }
    return s;
  }

  @Override
  public void addColumnSums(float[] a, int off, int pixels, int co, float[] acc) {
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < co; c++) {
        acc[c] += a[off + p * co + c];
      }
    }
  }
}
