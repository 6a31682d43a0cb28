package dev.lanes.kernels.pool;

import dev.lanes.kernels.Layout;
import dev.lanes.kernels.PoolShape;
import dev.lanes.kernels.TensorShape;

/**
 * A {@link PoolShape} as memory offsets, one form for both layouts. The tensor is a sequence of planes
 * (NCHW: one per image and channel; NHWC: one per image) of {@code planeIn} inputs and {@code planeOut}
 * outputs. Within a plane, outputs run in memory order j = (oy * outW + ox) * inner + c (inner = 1 for
 * NCHW, C for NHWC), the window of output j starts at
 * {@code origin = (oy * rowStep + ox * colStep) * stride + c} and its element (ky, kx) lies at
 * {@code origin + ky * rowStep + kx * colStep}.
 */
final class PoolGeometry {
  final int size;
  final int stride;
  final int outH;
  final int outW;
  final int inner;
  final int rowStep;
  final int colStep;
  final int planeIn;
  final int planeOut;
  final int planesPerImage;
  final int imageIn;
  final int imageOut;
  final int images;

  PoolGeometry(PoolShape s) {
    TensorShape in = s.input();
    size = s.size();
    stride = s.stride();
    outH = s.outH();
    outW = s.outW();
    boolean nchw = in.layout() == Layout.NCHW;
    inner = nchw ? 1 : in.c();
    colStep = inner;
    rowStep = in.w() * inner;
    planeIn = in.h() * rowStep;
    planeOut = outH * outW * inner;
    planesPerImage = nchw ? in.c() : 1;
    imageIn = planeIn * planesPerImage;
    imageOut = planeOut * planesPerImage;
    images = in.n();
  }

  /** Offset within its plane of the first element of output j's window. */
  int origin(int j) {
    int pixel = j / inner;
    int c = j - pixel * inner;
    int oy = pixel / outW;
    int ox = pixel - oy * outW;
    return (oy * rowStep + ox * colStep) * stride + c;
  }
}
