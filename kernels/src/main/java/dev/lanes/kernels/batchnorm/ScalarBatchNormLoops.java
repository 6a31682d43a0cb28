package dev.lanes.kernels.batchnorm;

import dev.lanes.kernels.Activation;

/**
 * The batch-norm loops in plain Java, the fallback when the Vector API is not available: one pattern
 * slot per channel (L = C), a wrapping slot index instead of a modulo; in a run pattern (width 1) the
 * slot moves on after every run instead of every value.
 */
final class ScalarBatchNormLoops implements BatchNormLoops {

  @Override
  public int patternLength(int channels) {
    return channels;
  }

  @Override
  public int quadRun() {
    return 0;
  }

  @Override
  public String describe() {
    return "scalar";
  }

  @Override
  public void sums(float[] x, int off, int rows, int stride, int len, Pattern p, float[] work) {
    int l = p.length;
    if (p.run > 1) {
      for (int r = 0; r < rows; r++) {
        int base = off + r * stride;
        for (int at = 0, q = 0; at < len; at += p.run, q++) {
          float sum = 0;
          float squares = 0;
          for (int i = base + at; i < base + at + p.run; i++) {
            float d = x[i] - p.shift[q];
            sum += d;
            squares += d * d;
          }
          work[q] += sum;
          work[l + q] += squares;
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int base = off + r * stride;
      for (int i = 0, j = 0; i < len; i++) {
        float d = x[base + i] - p.shift[j];
        work[j] += d;
        work[l + j] += d * d;
        if (++j == l) {
          j = 0;
        }
      }
    }
  }

  @Override
  public void normalize(float[] x, int xOff, float[] y, int yOff, int rows, int stride, int len,
      Pattern p, Activation act) {
    int l = p.length;
    if (p.run > 1) {
      for (int r = 0; r < rows; r++) {
        int xb = xOff + r * stride;
        int yb = yOff + r * stride;
        for (int at = 0, q = 0; at < len; at += p.run, q++) {
          for (int i = at; i < at + p.run; i++) {
            y[yb + i] = activate((x[xb + i] - p.shift[q]) * p.scale[q] + p.bias[q], act);
          }
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int xb = xOff + r * stride;
      int yb = yOff + r * stride;
      for (int i = 0, j = 0; i < len; i++) {
        float z = (x[xb + i] - p.shift[j]) * p.scale[j] + p.bias[j];
        y[yb + i] = activate(z, act);
        if (++j == l) {
          j = 0;
        }
      }
    }
  }

  @Override
  public void backwardSums(float[] x, int xOff, float[] dy, int dyOff, int rows, int stride,
      int len, Pattern p, Activation act, float[] work, float[] dzOut, int dzOff) {
    int l = p.length;
    if (p.run > 1) {
      for (int r = 0; r < rows; r++) {
        int xb = xOff + r * stride;
        int db = dyOff + r * stride;
        for (int at = 0, q = 0; at < len; at += p.run, q++) {
          float sum = 0;
          float dot = 0;
          for (int i = at; i < at + p.run; i++) {
            float d = x[xb + i] - p.shift[q];
            float dz = gradient(d * p.scale[q] + p.bias[q], dy[db + i], act);
            if (act != Activation.NONE) {
              dzOut[dzOff + r * stride + i] = dz;
            }
            sum += dz;
            dot += dz * d;
          }
          work[q] += sum;
          work[l + q] += dot;
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int xb = xOff + r * stride;
      int db = dyOff + r * stride;
      for (int i = 0, j = 0; i < len; i++) {
        float d = x[xb + i] - p.shift[j];
        float dz = gradient(d * p.scale[j] + p.bias[j], dy[db + i], act);
        if (act != Activation.NONE) {
          dzOut[dzOff + r * stride + i] = dz;
        }
        work[j] += dz;
        work[l + j] += dz * d;
        if (++j == l) {
          j = 0;
        }
      }
    }
  }

  @Override
  public void backward(float[] x, int xOff, float[] dzIn, int dzOff, float[] dx, int dxOff,
      int rows, int stride, int len, Pattern p) {
    int l = p.length;
    if (p.run > 1) {
      for (int r = 0; r < rows; r++) {
        int xb = xOff + r * stride;
        int db = dzOff + r * stride;
        int ob = dxOff + r * stride;
        for (int at = 0, q = 0; at < len; at += p.run, q++) {
          for (int i = at; i < at + p.run; i++) {
            float xhat = (x[xb + i] - p.shift[q]) * p.invStd[q] + p.xhatShift[q];
            dx[ob + i] = p.a[q] * dzIn[db + i] + p.b[q] * xhat + p.c[q];
          }
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int xb = xOff + r * stride;
      int db = dzOff + r * stride;
      int ob = dxOff + r * stride;
      for (int i = 0, j = 0; i < len; i++) {
        float d = x[xb + i] - p.shift[j];
        float dz = dzIn[db + i];
        float xhat = d * p.invStd[j] + p.xhatShift[j];
        dx[ob + i] = p.a[j] * dz + p.b[j] * xhat + p.c[j];
        if (++j == l) {
          j = 0;
        }
      }
    }
  }

  static float activate(float z, Activation act) {
    return switch (act) {
      case NONE -> z;
      case RELU -> z > 0 ? z : 0f;
      case SIGMOID -> sigmoid(z);
    };
  }

  /**
   * dz = dy * act'(z). The ReLU selects rather than multiplies, so an infinite or NaN dy where z <= 0
   * gives 0, as the vector loops' blend and the oracle.
   */
  static float gradient(float z, float dy, Activation act) {
    return switch (act) {
      case NONE -> dy;
      case RELU -> z > 0 ? dy : 0f;
      case SIGMOID -> {
        float s = sigmoid(z);
        yield dy * (s * (1 - s));
      }
    };
  }

  private static float sigmoid(float z) {
    return (float) (1 / (1 + Math.exp(-z)));
  }
}
