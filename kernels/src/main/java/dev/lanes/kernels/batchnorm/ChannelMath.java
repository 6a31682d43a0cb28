package dev.lanes.kernels.batchnorm;

import dev.lanes.kernels.Convention;

/**
 * The per-channel scalar arithmetic of batch norm, in double: statistics from shifted sums, the
 * coefficients the loops apply, and the running-statistics update. Nothing here touches a tensor.
 */
final class ChannelMath {
  private ChannelMath() {}

  /**
   * A variance below this fraction of the mean square of the shifted data has lost too many digits to
   * cancellation (the shift lay far from the mean); the channel is summed again around its mean.
   */
  static final double CANCELLATION = 1.0 / 16;

  /** Mean from the sum s1 of M values shifted by {@code shift}. */
  static double mean(float shift, double s1, int m) {
    return shift + s1 / m;
  }

  /** Biased variance from the shifted sums; never negative. */
  static double variance(double s1, double s2, int m) {
    double m1 = s1 / m;
    return Math.max(0, s2 / m - m1 * m1);
  }

  /** True when the shifted sums must be redone around the mean (see {@link #CANCELLATION}). */
  static boolean cancelled(double s1, double s2, int m) {
    double meanSquare = s2 / m;
    return meanSquare > 0 && variance(s1, s2, m) < CANCELLATION * meanSquare;
  }

  /** True when the float sums overflowed and the channel must be summed in double. */
  static boolean overflowed(double s1, double s2) {
    return Double.isInfinite(s1) || Double.isInfinite(s2);
  }

  static double invStd(double var, double eps) {
    return 1 / Math.sqrt(var + eps);
  }

  /**
   * Sets the forward coefficients of pattern slot {@code slot} (and its repeats): with
   * shift = (float) mean, the loops compute {@code z = (x - shift) * scale + bias}, which equals
   * gamma * xhat + beta without cancelling x * scale against mean * scale when the mean is large.
   */
  static void forward(Pattern p, int slot, int period, double mean, double invStd,
      double gamma, double beta) {
    float shift = (float) mean;
    double scale = gamma * invStd;
    p.forward(slot, period, shift, (float) scale, (float) (beta - (mean - shift) * scale));
  }

  /**
   * Sets the backward coefficients of pattern slot {@code slot} from the sums sumDz = sum(dz) (that is,
   * dbeta) and sumDzD = sum(dz * (x - shift)) over the channel's M values, and returns dgamma.
   * Training mode: {@code dx = A * dz + B * xhat + C} with A = gamma * invstd, B = -A * dgamma / M,
   * C = -A * dbeta / M, and xhat = (x - shift) * invstd - (mean - shift) * invstd. Global-statistics
   * mode: {@code dx = A * dz}.
   */
  static double backward(Pattern p, int slot, int period, boolean training, int m, double mean,
      double invStd, double sumDz, double sumDzD, double gamma) {
    double dm = mean - (float) mean;
    double dGamma = invStd * (sumDzD - dm * sumDz);
    double a = gamma * invStd;
    float xhatShift = (float) (-dm * invStd);
    if (training) {
      p.backward(slot, period, (float) invStd, xhatShift, (float) a, (float) (-a * dGamma / m),
          (float) (-a * sumDz / m));
    } else {
      p.backward(slot, period, (float) invStd, xhatShift, (float) a, 0f, 0f);
    }
    return dGamma;
  }

  /** Folds one batch's statistics into the running ones, per the convention. */
  static void updateRunning(Convention convention, double momentum, float[] runningMean,
      float[] runningVar, int c, double mean, double var, int m) {
    switch (convention) {
      case KERAS -> {
        runningMean[c] = (float) (momentum * runningMean[c] + (1 - momentum) * mean);
        runningVar[c] = (float) (momentum * runningVar[c] + (1 - momentum) * var);
      }
      case PYTORCH -> {
        double unbiased = m > 1 ? var * m / (m - 1) : var;
        runningMean[c] = (float) ((1 - momentum) * runningMean[c] + momentum * mean);
        runningVar[c] = (float) ((1 - momentum) * runningVar[c] + momentum * unbiased);
      }
    }
  }

  static double gamma(float[] gamma, int c) {
    return gamma == null ? 1 : gamma[c];
  }

  static double beta(float[] beta, int c) {
    return beta == null ? 0 : beta[c];
  }
}
