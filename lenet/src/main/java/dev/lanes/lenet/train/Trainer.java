package dev.lanes.lenet.train;

import dev.lanes.lenet.data.MnistSet;
import dev.lanes.lenet.model.LeNet;
import java.util.SplittableRandom;

/**
 * Mini-batch training as Keras' fit: each epoch shuffles the training images (seeded), runs forward,
 * loss, backward and an optimizer step per batch, and reports running means of loss and accuracy;
 * evaluation runs in inference mode. Buffers are allocated once, so steps allocate nothing.
 */
public final class Trainer {
  private final LeNet net;
  private final OptimizerStep optimizer;
  private final int batch;
  private final float[] x;
  private final float[] dLogits;
  private final int[] labels;
  private final SplittableRandom shuffle;
  private int[] order = new int[0];

  public Trainer(LeNet net, OptimizerStep optimizer, long seed) {
    this.net = net;
    this.optimizer = optimizer;
    this.batch = net.capacity();
    this.x = new float[batch * LeNet.IMAGE];
    this.dLogits = new float[batch * LeNet.CLASSES];
    this.labels = new int[batch];
    this.shuffle = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /**
   * One epoch over images [0, count) of set in a fresh random order; the last batch may be short.
   * Returns the epoch's mean loss and accuracy (Keras' running figures at the end of the epoch).
   */
  public Metrics epoch(MnistSet set, int count, StepListener listener) {
    if (order.length != count) {
      order = new int[count];
      for (int i = 0; i < count; i++) {
        order[i] = i;
      }
    }
    for (int i = count - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int steps = (count + batch - 1) / batch;
    double lossSum = 0;
    long correct = 0;
    for (int step = 0; step < steps; step++) {
      int from = step * batch;
      int n = Math.min(batch, count - from);
      set.fillBatch(order, from, n, x, 0);
      set.fillLabels(order, from, n, labels, 0);
      net.forward(n, x, true);
      lossSum += net.loss(n, labels, dLogits) * n;
      correct += net.correct(n, labels);
      net.backward(n, dLogits);
      optimizer.step();
      int seen = from + n;
      if (listener != null) {
        listener.step(step + 1, steps, lossSum / seen, (double) correct / seen);
      }
    }
    return new Metrics(lossSum / count, (double) correct / count, count);
  }

  /** Loss and accuracy on images [from, from + count) of set, in inference mode. */
  public Metrics evaluate(MnistSet set, int from, int count) {
    return evaluate(net, set, from, count, null);
  }

  /**
   * Loss and accuracy of net on images [from, from + count); when confusion is not null, also counts
   * confusion[label][predicted].
   */
  public static Metrics evaluate(LeNet net, MnistSet set, int from, int count, long[][] confusion) {
    int cap = net.capacity();
    float[] xs = new float[cap * LeNet.IMAGE];
    int[] ys = new int[cap];
    float[] p = new float[cap * LeNet.CLASSES];
    int[] seq = new int[count];
    for (int i = 0; i < count; i++) {
      seq[i] = from + i;
    }
    double lossSum = 0;
    long correct = 0;
    for (int start = 0; start < count; start += cap) {
      int n = Math.min(cap, count - start);
      set.fillBatch(seq, start, n, xs, 0);
      set.fillLabels(seq, start, n, ys, 0);
      net.forward(n, xs, false);
      lossSum += net.loss(n, ys, null) * n;
      correct += net.correct(n, ys);
      if (confusion != null) {
        net.probabilities(n, p);
        for (int r = 0; r < n; r++) {
          confusion[ys[r]][argmax(p, r * LeNet.CLASSES)]++;
        }
      }
    }
    return new Metrics(lossSum / count, (double) correct / count, count);
  }

  private static int argmax(float[] p, int off) {
    int best = 0;
    for (int j = 1; j < LeNet.CLASSES; j++) {
      if (p[off + j] > p[off + best]) {
        best = j;
      }
    }
    return best;
  }
}
