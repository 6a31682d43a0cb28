package dev.lanes.reference.batchnorm;

/** Activation fused after the normalization: {@code y = act(gamma * xhat + beta)}. */
public enum Activation {
  NONE {
    @Override
    double apply(double z) {
      return z;
    }

    @Override
    double gradient(double z, double dy) {
      return dy;
    }
  },
  /**
   * {@code z > 0 ? z : 0}, so NaN and -0 give +0. Its gradient passes dy where z > 0 and is 0
   * elsewhere, exactly 0 at z = 0 and even for an infinite or NaN dy (a select, as
   * {@code ActivationReference.reluBackward}).
   */
  RELU {
    @Override
    double apply(double z) {
      return z > 0 ? z : 0;
    }

    @Override
    double gradient(double z, double dy) {
      return z > 0 ? dy : 0;
    }
  },
  /** 1 / (1 + e^-z), written so that no large |z| overflows. */
  SIGMOID {
    @Override
    double apply(double z) {
      if (z >= 0) {
        return 1 / (1 + Math.exp(-z));
      }
      double e = Math.exp(z);
      return e / (1 + e);
    }

    @Override
    double gradient(double z, double dy) {
      double s = apply(z);
      return dy * (s * (1 - s));
    }
  };

  /** The activation of the pre-activation value z. */
  abstract double apply(double z);

  /** dL/dz from dL/dy = dy at the pre-activation value z: dy * act'(z). */
  abstract double gradient(double z, double dy);
}
