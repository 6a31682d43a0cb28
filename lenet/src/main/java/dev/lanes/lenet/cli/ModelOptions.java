package dev.lanes.lenet.cli;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.BatchNormParams;
import dev.lanes.kernels.Convention;
import dev.lanes.kernels.Layout;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The architecture: what {@code train} builds and {@code summary} describes, and what a checkpoint
 * records so that {@code evaluate}, {@code predict} and {@code fold} rebuild the same model.
 *
 * @param layout activation layout ({@code --layout})
 * @param batchNorm batch norm after every conv and dense layer but the last ({@code --no-bn} clears it)
 * @param biasBeforeBn conv and dense layers followed by BN keep their bias ({@code --no-bias-before-bn}
 *     clears it: BN's beta makes it redundant)
 * @param bnPlacement BN before or after the activation ({@code --bn-placement})
 * @param freezeGammaBeta gamma and beta stay at 1 and 0, not trained ({@code --freeze-gamma-beta})
 * @param head output layer and loss ({@code --head})
 * @param convention how BN's running statistics are updated ({@code --bn-convention})
 * @param momentum BN momentum as {@code convention} reads it, in [0, 1] ({@code --momentum})
 * @param bnEps BN epsilon, finite and > 0 ({@code --bn-eps})
 */
public record ModelOptions(
    Layout layout,
    boolean batchNorm,
    boolean biasBeforeBn,
    BnPlacement bnPlacement,
    boolean freezeGammaBeta,
    Head head,
    Convention convention,
    double momentum,
    double bnEps) {

  public ModelOptions {
    OptionChecks.present("--layout", layout);
    OptionChecks.present("--bn-placement", bnPlacement);
    OptionChecks.present("--head", head);
    OptionChecks.present("--bn-convention", convention);
    OptionChecks.inRange("--momentum", momentum, 0, 1, false);
    OptionChecks.positive("--bn-eps", bnEps);
    if (!batchNorm && !biasBeforeBn) {
      throw new IllegalArgumentException("--no-bias-before-bn: expected batch norm, actual --no-bn");
    }
    if (!batchNorm && freezeGammaBeta) {
      throw new IllegalArgumentException("--freeze-gamma-beta: expected batch norm, actual --no-bn");
    }
  }

  /** The chapter's model: NCHW, BN before the sigmoid with bias, softmax head, Keras BN defaults. */
  public static ModelOptions chapter() {
    return new ModelOptions(Layout.NCHW, true, true, BnPlacement.BEFORE, false, Head.SOFTMAX,
        Convention.KERAS, defaultMomentum(Convention.KERAS), defaultBnEps(Convention.KERAS));
  }

  /** 0.99 for Keras, 0.1 for PyTorch (each reads momentum the other way round). */
  public static double defaultMomentum(Convention convention) {
    return convention == Convention.KERAS ? 0.99 : 0.1;
  }

  /** 1e-3 for Keras, 1e-5 for PyTorch. */
  public static double defaultBnEps(Convention convention) {
    return convention == Convention.KERAS ? 1e-3 : 1e-5;
  }

  /** The kernels' batch-norm parameters these options describe, without a fused activation. */
  public BatchNormParams bnParams() {
    return new BatchNormParams(bnEps, momentum, convention, Activation.NONE);
  }

  /** As checkpoint metadata and report options: keys are the option names without dashes. */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("layout", lower(layout));
    m.put("bn", Boolean.toString(batchNorm));
    m.put("bias-before-bn", Boolean.toString(biasBeforeBn));
    m.put("bn-placement", lower(bnPlacement));
    m.put("freeze-gamma-beta", Boolean.toString(freezeGammaBeta));
    m.put("head", lower(head));
    m.put("bn-convention", lower(convention));
    m.put("momentum", Double.toString(momentum));
    m.put("bn-eps", Double.toString(bnEps));
    return m;
  }

  /**
   * Reads what {@link #toMetadata} wrote (other keys are ignored).
   *
   * @throws IllegalArgumentException naming the key that is missing or has an unreadable value
   */
  public static ModelOptions fromMetadata(Map<String, String> m) {
    return new ModelOptions(
        enumValue(m, "layout", Layout.class),
        bool(m, "bn"),
        bool(m, "bias-before-bn"),
        enumValue(m, "bn-placement", BnPlacement.class),
        bool(m, "freeze-gamma-beta"),
        enumValue(m, "head", Head.class),
        enumValue(m, "bn-convention", Convention.class),
        number(m, "momentum"),
        number(m, "bn-eps"));
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String value(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("metadata " + key + ": expected a value, actual none");
    }
    return v;
  }

  private static boolean bool(Map<String, String> m, String key) {
    String v = value(m, key);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("metadata " + key + ": expected true or false, actual '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  private static double number(Map<String, String> m, String key) {
    String v = value(m, key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metadata " + key + ": expected a number, actual '" + v + "'");
    }
  }

  private static <E extends Enum<E>> E enumValue(Map<String, String> m, String key, Class<E> type) {
    String v = value(m, key);
    for (E e : type.getEnumConstants()) {
      if (lower(e).equals(v)) {
        return e;
      }
    }
    throw new IllegalArgumentException("metadata " + key + ": expected one of "
        + Converters.names(type) + ", actual '" + v + "'");
  }
}
