package dev.lanes.lenet.app;

import dev.lanes.lenet.model.LeNet;
import dev.lanes.lenet.model.Param;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds every BN (placed before its sigmoid) into the conv or dense layer in front of it: with
 * s = gamma / sqrt(movingVar + eps), the layer's weights of output channel o scale by s[o] and its
 * bias becomes (bias - movingMean) * s + beta. Inference then computes the same function without BN.
 */
final class Folding {
  private Folding() {}

  /**
   * Copies the folded parameters of a BN model into plain, a model of the same layout without BN whose
   * conv and dense layers all have biases.
   */
  static void fold(LeNet bn, LeNet plain) {
    Map<String, Param> target = new HashMap<>();
    for (Param p : plain.params()) {
      target.put(p.name(), p);
    }
    List<Param> params = bn.params();
    double eps = bn.config().bn().eps();
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (!p.name().endsWith("/kernel")) {
        continue;
      }
      String layer = p.name().substring(0, p.name().length() - "/kernel".length());
      Param bias = i + 1 < params.size() && params.get(i + 1).name().equals(layer + "/bias")
          ? params.get(i + 1) : null;
      int next = bias == null ? i + 1 : i + 2;
      boolean normalized = next < params.size() && params.get(next).name().endsWith("/gamma");
      Param kernel = target.get(p.name());
      Param outBias = target.get(layer + "/bias");
      System.arraycopy(p.value(), 0, kernel.value(), 0, p.size());
      int outputs = outBias.size();
      float[] b = outBias.value();
      for (int o = 0; o < outputs; o++) {
        b[o] = bias == null ? 0f : bias.value()[o];
      }
      if (!normalized) {
        continue;
      }
      float[] gamma = params.get(next).value();
      float[] beta = params.get(next + 1).value();
      float[] mean = params.get(next + 2).value();
      float[] var = params.get(next + 3).value();
      for (int o = 0; o < outputs; o++) {
        double s = gamma[o] / Math.sqrt(var[o] + eps);
        b[o] = (float) ((b[o] - mean[o]) * s + beta[o]);
        scaleOutput(kernel.value(), p.shape(), o, s);
      }
    }
  }

  /** Multiplies every weight of output channel o: dense (in, out), conv OIHW or OHWI (o first). */
  private static void scaleOutput(float[] w, int[] shape, int o, double s) {
    if (shape.length == 2) {
      int outs = shape[1];
      for (int i = o; i < w.length; i += outs) {
        w[i] = (float) (w[i] * s);
      }
      return;
    }
    int per = w.length / shape[0];
    for (int i = o * per; i < (o + 1) * per; i++) {
      w[i] = (float) (w[i] * s);
    }
  }
}
