package dev.lanes.kernels.conv;

/** The loop orders of a forward problem; all but CHANNEL are planar (stride 1 only). */
enum ForwardLoop {
  /** Vectors over output channels, tiles of pixels (NHWC order). */
  CHANNEL,
  /** Vectors along the wide plane, tiles of output channels. */
  WIDE_PLANE,
  /** Vectors along the compact plane (column-shifted copies of the input), tiles of channels. */
  COMPACT_PLANE,
  /** Vectors along output rows, tiles of rows of one channel. */
  ROW_TILES,
  /**
   * One vector per output row (outputs exactly {@link ConvLoops#rowLanes} wide), the input copied at
   * the constant row pitch {@link ConvLoops#rowPitch}, tiles of channels by four rows.
   */
  PITCHED_ROWS
}
