package dev.lanes.kernels.batchnorm;

import java.util.Arrays;

/**
 * Per-element coefficients of a batch-norm pass over a stream of values, repeating with period L. In
 * NHWC (and 2-D) the stream is the interleaved channels, so L = lcm(C, lanes) and slot j holds channel
 * j mod C's coefficients: whole vectors then line up with the pattern and no lane is wasted whatever C
 * is. In NCHW a run of one channel has one coefficient in every slot.
 *
 * <p>A <em>run pattern</em> ({@link #resizeRuns}) describes a stretch of NCHW planes cut into runs of
 * {@code run} values (a plane, or an equal part of one): run q's coefficients, its channel's, fill the
 * {@code width} slots from q * width (width: the vector length, or 1), and value i of the stretch uses
 * slot (i / run) * width + i mod width; the run is a multiple of the width, a loop call covers whole
 * runs.
 *
 * <p>A pass computes with {@code d = x - shift}: {@code z = d * scale + bias}, and in backward
 * {@code xhat = d * invStd + xhatShift}, {@code dx = a * dz + b * xhat + c}. (Keeping xhat explicit
 * keeps b far from the float underflow that b * invStd would reach for values near 1e32.)
 */
final class Pattern {
  int length;
  /** Values per run in run patterns, else 1. */
  int run = 1;
  /** Slots per run in run patterns, else 1. */
  int width = 1;
  float[] shift = new float[0];
  float[] scale = new float[0];
  float[] bias = new float[0];
  float[] invStd = new float[0];
  float[] xhatShift = new float[0];
  float[] a = new float[0];
  float[] b = new float[0];
  float[] c = new float[0];

  /** Makes room for a pattern of {@code l} slots. */
  Pattern resize(int l) {
    run = 1;
    width = 1;
    return allocate(l);
  }

  /** Refuses a run pattern where a loop takes its pattern slot by slot. */
  static void requireSlots(Pattern p) {
    if (p.run > 1) {
      throw new AssertionError("run patterns are not for the fused sigmoid's loops");
    }
  }

  /** Makes room for a run pattern of {@code runs} runs of {@code run} values, width slots each. */
  Pattern resizeRuns(int runs, int width, int run) {
    this.run = run;
    this.width = width;
    return allocate(runs * width);
  }

  private Pattern allocate(int l) {
    if (shift.length < l) {
      shift = new float[l];
      scale = new float[l];
      bias = new float[l];
      invStd = new float[l];
      xhatShift = new float[l];
      a = new float[l];
      b = new float[l];
      c = new float[l];
    }
    length = l;
    return this;
  }

  /**
   * Sets the forward coefficients of every slot j with j mod period == channel, or in a run pattern
   * the width slots of run {@code channel}.
   */
  void forward(int channel, int period, float shiftValue, float scaleValue, float biasValue) {
    fill(shift, channel, period, shiftValue);
    fill(scale, channel, period, scaleValue);
    fill(bias, channel, period, biasValue);
  }

  /** Sets the backward coefficients of the same slots as {@link #forward}. */
  void backward(int channel, int period, float invStdValue, float xhatShiftValue, float aValue,
      float bValue, float cValue) {
    fill(invStd, channel, period, invStdValue);
    fill(xhatShift, channel, period, xhatShiftValue);
    fill(a, channel, period, aValue);
    fill(b, channel, period, bValue);
    fill(c, channel, period, cValue);
  }

  /** Sets the slots of one coefficient array that {@link #forward} names. */
  private void fill(float[] values, int channel, int period, float value) {
    if (run > 1) {
      // one stretch of width slots; the loop below, a value at a time, took about 14% of B2's
      // backward (3 us, in a profile of the public call)
      Arrays.fill(values, channel * width, channel * width + width, value);
      return;
    }
    for (int j = channel * width; j < channel * width + width; j++) {
      for (int k = j; k < length; k += period) {
        values[k] = value;
      }
    }
  }
}
