package dev.lanes.lenet.model;

import dev.lanes.kernels.BatchNormParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chapter's LeNet: conv(6, 5x5) BN sigmoid maxpool(2) conv(16, 5x5) BN sigmoid maxpool(2) flatten
 * dense(120) BN sigmoid dense(84) BN sigmoid dense(10), on 28 x 28 grey images, with the exercises'
 * variants ({@link ModelConfig}). Every layer runs on the Lanes kernels; a step allocates nothing.
 * Time spent in each layer during training steps (training forwards and backwards) is accumulated
 * for the profile; evaluation forwards are not counted.
 */
public final class LeNet {
  /** Pixels of one input image. */
  public static final int IMAGE = 28 * 28;
  /** Classes. */
  public static final int CLASSES = 10;

  private final ModelConfig config;
  private final Ops ops;
  private final int capacity;
  private final List<Layer> layers = new ArrayList<>();
  private final float[][] inputs;
  private final long[] forwardNanos;
  private final long[] backwardNanos;
  private final Map<String, Integer> counters = new HashMap<>();
  private float[] logits;

  private LeNet(ModelConfig config, Ops ops, int capacity) {
    this.config = config;
    this.ops = ops;
    this.capacity = capacity;
    Stage s = new Stage(1, 28, 28);
    s = convBlock(s, 6);
    s = pool(s);
    s = convBlock(s, 16);
    s = pool(s);
    int flat = s.c * s.h * s.w;
    layers.add(new PassThroughLayer(name("flatten"), "Flatten", new int[] {flat}));
    denseBlock(flat, 120);
    denseBlock(120, 84);
    layers.add(new DenseLayer(name("dense"), ops, capacity, 84, CLASSES, true));
    inputs = new float[layers.size()][];
    forwardNanos = new long[layers.size()];
    backwardNanos = new long[layers.size()];
  }

  /** A model with seeded Glorot-uniform kernels, zero biases, gamma 1, beta 0, moving var 1. */
  public static LeNet create(ModelConfig config, Ops ops, int capacity, long seed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: expected >= 1, actual " + capacity);
    }
    LeNet net = new LeNet(config, ops, capacity);
    Init init = new Init(seed);
    for (Layer l : net.layers) {
      if (l instanceof ConvLayer c) {
        c.initialize(init);
      } else if (l instanceof DenseLayer d) {
        d.initialize(init);
      }
    }
    return net;
  }

  private record Stage(int c, int h, int w) {}

  private String name(String base) {
    int k = counters.merge(base, 1, Integer::sum) - 1;
    return k == 0 ? base : base + "_" + k;
  }

  private Stage convBlock(Stage in, int cout) {
    Stage out = new Stage(cout, in.h - 4, in.w - 4);
    layers.add(new ConvLayer(name("conv2d"), ops, config.layout(), capacity, in.c, in.h, in.w, cout, 5,
        config.biasBefore()));
    normalizeAndActivate(out.c, out.h, out.w, new int[] {out.c, out.h, out.w});
    return out;
  }

  private void denseBlock(int in, int out) {
    layers.add(new DenseLayer(name("dense"), ops, capacity, in, out, config.biasBefore()));
    normalizeAndActivate(out, 1, 1, new int[] {out});
  }

  /**
   * BN then sigmoid, sigmoid then BN, or only the sigmoid. The sigmoid stays a layer of its own rather
   * than BN's fused activation: its backward reads the saved output (y * (1 - y)) where the fused
   * backward recomputes the exponential twice, and measured faster here.
   */
  private void normalizeAndActivate(int c, int h, int w, int[] shape) {
    if (config.batchNorm() && !config.bnAfterActivation()) {
      layers.add(bn(c, h, w, config.bn()));
    }
    layers.add(new SigmoidLayer(name("activation"), ops, capacity, shape));
    if (config.batchNorm() && config.bnAfterActivation()) {
      layers.add(bn(c, h, w, config.bn()));
    }
  }

  private BatchNormLayer bn(int c, int h, int w, BatchNormParams p) {
    return new BatchNormLayer(name("batch_normalization"), ops, config.layout(), capacity, c, h, w, p,
        config.freezeGammaBeta(), config.useGlobalStats());
  }

  /** The pool takes over a sigmoid right before it (see {@link SigmoidLayer}). */
  private Stage pool(Stage in) {
    boolean afterSigmoid = layers.get(layers.size() - 1) instanceof SigmoidLayer;
    if (afterSigmoid) {
      ((SigmoidLayer) layers.get(layers.size() - 1)).deferToPool();
    }
    layers.add(new MaxPoolLayer(name("max_pooling2d"), ops, config.layout(), capacity, in.c, in.h,
        in.w, afterSigmoid));
    return new Stage(in.c, in.h / 2, in.w / 2);
  }

  public ModelConfig config() {
    return config;
  }

  /** Most images one call takes. */
  public int capacity() {
    return capacity;
  }

  /**
   * Runs n images (n x 28 x 28 floats in [0, 1]; with one channel NCHW and NHWC agree) and returns the
   * logits buffer (n x 10, the model's own; valid until the next call).
   */
  public float[] forward(int n, float[] x, boolean training) {
    if (n < 1 || n > capacity) {
      throw new IllegalArgumentException("n: expected 1.." + capacity + ", actual " + n);
    }
    float[] a = x;
    for (int i = 0; i < layers.size(); i++) {
      long t0 = System.nanoTime();
      inputs[i] = a;
      a = layers.get(i).forward(n, a, training);
      if (training) {
        forwardNanos[i] += System.nanoTime() - t0;
      }
    }
    logits = a;
    return a;
  }

  /** Gradients of every trainable parameter from dLogits (n x 10) of the last training forward. */
  public void backward(int n, float[] dLogits) {
    float[] d = dLogits;
    for (int i = layers.size() - 1; i >= 0; i--) {
      long t0 = System.nanoTime();
      d = layers.get(i).backward(n, inputs[i], d, i > 0);
      backwardNanos[i] += System.nanoTime() - t0;
    }
  }

  /**
   * Mean loss of the last forward's logits against labels; writes its gradient to dLogits unless null.
   */
  public double loss(int n, int[] labels, float[] dLogits) {
    return config.sigmoidHead()
        ? ops.losses.sigmoidHeadCrossEntropy(n, CLASSES, logits, 0, labels, 0, dLogits, 0)
        : ops.losses.softmaxCrossEntropy(n, CLASSES, logits, 0, labels, 0, dLogits, 0);
  }

  /** Rows whose highest score is their label, for the last forward. */
  public int correct(int n, int[] labels) {
    return ops.losses.correct(n, CLASSES, logits, 0, labels, 0);
  }

  /** Class probabilities of the last forward (softmax, or the sigmoid head's per-class outputs). */
  public void probabilities(int n, float[] p) {
    if (config.sigmoidHead()) {
      ops.losses.sigmoidHeadProbabilities(n, CLASSES, logits, 0, p, 0);
    } else {
      ops.losses.softmax(n, CLASSES, logits, 0, p, 0);
    }
  }

  /** Every parameter (trainable or not) in save order. */
  public List<Param> params() {
    List<Param> all = new ArrayList<>();
    for (Layer l : layers) {
      all.addAll(l.params());
    }
    return all;
  }

  /** Layer rows as Keras' summary shows them. */
  public List<LayerInfo> layers() {
    List<LayerInfo> rows = new ArrayList<>();
    for (Layer l : layers) {
      int trainable = 0;
      int fixed = 0;
      for (Param p : l.params()) {
        if (p.trainable()) {
          trainable += p.size();
        } else {
          fixed += p.size();
        }
      }
      rows.add(new LayerInfo(l.name(), l.type(), l.outputShape(), trainable, fixed));
    }
    return rows;
  }

  /**
   * Accumulated nanoseconds per layer in training forwards and in backwards, in layer order, since the
   * model was built.
   */
  public List<LayerTime> profile() {
    List<LayerTime> t = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      t.add(new LayerTime(layers.get(i).name(), forwardNanos[i], backwardNanos[i]));
    }
    return t;
  }

}
