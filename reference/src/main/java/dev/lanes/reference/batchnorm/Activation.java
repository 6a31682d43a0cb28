package dev.lanes.reference.batchnorm;

/** Activation fused after the normalization: {@code y = act(gamma * xhat + beta)}. */
public enum Activation {
  NONE {
    @Override
    double apply(double z) {
      return z;
    }

    @Override
    double derivative(double z) {
      return 1;
    }
  },
  /** max(z, 0); the derivative at exactly 0 is 0. */
  RELU {
    @Override
    double apply(double z) {
      return z > 0 ? z : 0;
    }

    @Override
    double derivative(double z) {
      return z > 0 ? 1 : 0;
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
    double derivative(double z) {
      double s = apply(z);
      return s * (1 - s);
    }
  };

  /** The activation of the pre-activation value z. */
  abstract double apply(double z);

  /** d act / dz at the pre-activation value z. */
  abstract double derivative(double z);
}
