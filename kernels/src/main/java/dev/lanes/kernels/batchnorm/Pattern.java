package dev.lanes.kernels.batchnorm;

/**
 * Per-element coefficients of a batch-norm pass over a stream of values, repeating with period L. In
 * NHWC (and 2-D) the stream is the interleaved channels, so L = lcm(C, lanes) and slot j holds channel
 * j mod C's coefficients: whole vectors then line up with the pattern and no lane is wasted whatever C
 * is. In NCHW a run of one channel has one coefficient in every slot.
 *
 * <p>A pass computes with {@code d = x - shift}: {@code z = d * scale + bias}, and in backward
 * {@code xhat = d * invStd + xhatShift}, {@code dx = a * dz + b * xhat + c}. (Keeping xhat explicit
 * keeps b far from the float underflow that b * invStd would reach for values near 1e32.)
 */
final class Pattern {
  int length;
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

  /** Sets the forward coefficients of every slot j with j mod period == channel. */
  void forward(int channel, int period, float shiftValue, float scaleValue, float biasValue) {
    for (int j = channel; j < length; j += period) {
      shift[j] = shiftValue;
      scale[j] = scaleValue;
      bias[j] = biasValue;
    }
  }

  /** Sets the backward coefficients of every slot j with j mod period == channel. */
  void backward(int channel, int period, float invStdValue, float xhatShiftValue, float aValue,
      float bValue, float cValue) {
    for (int j = channel; j < length; j += period) {
      invStd[j] = invStdValue;
      xhatShift[j] = xhatShiftValue;
      a[j] = aValue;
      b[j] = bValue;
      c[j] = cValue;
    }
  }
}
