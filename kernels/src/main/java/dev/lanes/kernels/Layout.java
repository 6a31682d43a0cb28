package dev.lanes.kernels;

/**
 * Memory order of an activation tensor with logical axes (n, c, h, w). A 2-D tensor (N, C) is either
 * layout with H = W = 1; both then have the same memory order.
 */
public enum Layout {
  /** Channel planes: offset = ((n * C + c) * H + h) * W + w. */
  NCHW,
  /** Channels innermost: offset = ((n * H + h) * W + w) * C + c. */
  NHWC
}
