package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Once its context's scratch has grown to a shape, a kernel call allocates nothing: no task closures,
 * no boxed values, no per-call arrays. Measured with the calling thread's allocation counter over
 * repeated calls of every method of the public kernel interfaces, on 1 and 2 threads, with sizes below
 * and above each kernel's parallel threshold. The helper threads' own allocations are not counted;
 * the 1-thread runs execute the same task bodies on the calling thread.
 *
 * <p>Runs the Scalar loops: the blocking, threading and scratch code above the loops is shared by both
 * implementations, and Panama's loops box their vectors until C2 compiles them, which a unit test does
 * not control (the JMH {@code -prof gc} runs cover compiled Panama code).
 */
class HotPathAllocationTest {
  private static final int WARM_CALLS = 3;
  private static final int MEASURED_CALLS = 10;
  private static final int ROUNDS = 3;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static KernelContext one;
  private static KernelContext two;
  private static Facades onThread;
  private static Facades onTwoThreads;

  @BeforeAll
  static void contexts() {
    assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
        "this JVM does not count allocated bytes per thread");
    one = new KernelContext(1);
    two = new KernelContext(2);
    onThread = Facades.scalar(one);
    onTwoThreads = Facades.scalar(two);
  }

  @AfterAll
  static void close() {
    one.close();
    two.close();
  }

  /** A named kernel call. */
  record Call(String name, Consumer<Facades> body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> calls() {
    List<Call> calls = new ArrayList<>();
    batchNorm(calls, new TensorShape(8, 6, 24, 24, Layout.NCHW));
    batchNorm(calls, new TensorShape(8, 6, 24, 24, Layout.NHWC));
    batchNorm(calls, TensorShape.of2d(64, 120));
    batchNorm(calls, new TensorShape(4, 32, 128, 128, Layout.NCHW));
    batchNorm(calls, new TensorShape(8, 1024, 16, 16, Layout.NCHW)); // streamed an image at a time
    batchNorm(calls, new TensorShape(9, 911, 32, 32, Layout.NCHW)); // sums four images at a time
    batchNorm(calls, new TensorShape(4, 32, 128, 128, Layout.NHWC));
    convolution(calls, ConvShape.of(8, 1, 28, 28, 6, 5, Layout.NCHW));
    convolution(calls, ConvShape.of(8, 6, 14, 14, 16, 5, Layout.NHWC));
    convolution(calls, new ConvShape(2, 19, 15, 15, 33, 3, 3, 2, 1, Layout.NCHW));
    convolution(calls, ConvShape.of(16, 6, 14, 14, 16, 5, Layout.NCHW)); // 7.7 MFLOP: parallel
    convolution(calls, ConvShape.of(8, 6, 12, 12, 16, 5, Layout.NCHW)); // pitched rows
    dense(calls, 64);
    dense(calls, 256); // 12 M multiply-adds: parallel
    maxPool(calls, new TensorShape(8, 6, 24, 24, Layout.NCHW));
    maxPool(calls, new TensorShape(8, 6, 24, 24, Layout.NHWC));
    maxPool(calls, new TensorShape(32, 8, 64, 64, Layout.NCHW)); // 1 Mi inputs: parallel
    elementwise(calls, 1 << 17);
    elementwise(calls, 1 << 20); // parallel
    losses(calls);
    return Stream.of(1, 2).flatMap(threads -> calls.stream().map(c -> Arguments.of(threads, c)));
  }

  @ParameterizedTest(name = "{0} threads: {1}")
  @MethodSource("calls")
  void steadyStateCallsAllocateNothing(int threads, Call call) {
    Facades k = threads == 1 ? onThread : onTwoThreads;
    for (int i = 0; i < WARM_CALLS; i++) {
      call.body().accept(k);
    }
    // A round may still see a one-off allocation: scratch growing for a task that another worker ran
    // in the warm-up, or the JIT changing tiers. An allocation per call shows in every round.
    long[] rounds = new long[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < MEASURED_CALLS; i++) {
        call.body().accept(k);
      }
      rounds[r] = THREADS.getCurrentThreadAllocatedBytes() - before;
      if (rounds[r] < 16L * MEASURED_CALLS) {
        return;
      }
    }
    fail(call + " on " + threads + " threads allocated " + Arrays.toString(rounds) + " bytes in "
        + ROUNDS + " rounds of " + MEASURED_CALLS + " calls");
  }

  private static void batchNorm(List<Call> calls, TensorShape s) {
    int c = s.c();
    float[] x = random(s.size(), 1);
    float[] dy = random(s.size(), 2);
    float[] y = new float[s.size()];
    float[] dx = new float[s.size()];
    float[] gamma = random(c, 3);
    float[] beta = random(c, 4);
    float[] mean = random(c, 5);
    float[] var = new float[c];
    Arrays.fill(var, 1.5f);
    float[] runMean = new float[c];
    float[] runVar = new float[c];
    double[] savedMean = new double[c];
    double[] savedInvStd = new double[c];
    double[] dMean = new double[c];
    double[] dVar = new double[c];
    float[] dgamma = new float[c];
    float[] dbeta = new float[c];
    BatchNormParams keras = BatchNormParams.keras();
    BatchNormParams sigmoid = keras.withActivation(Activation.SIGMOID);
    BatchNormParams relu = keras.withActivation(Activation.RELU);
    calls.add(new Call("BN moments " + s, k -> k.bn().moments(s, x, 0, dMean, dVar)));
    calls.add(new Call("BN inference " + s, k ->
        k.bn().inference(s, x, 0, mean, var, gamma, beta, keras, y, 0)));
    calls.add(new Call("BN inference with ReLU " + s, k ->
        k.bn().inference(s, x, 0, mean, var, gamma, beta, relu, y, 0)));
    calls.add(new Call("BN forwardTraining " + s, k -> k.bn().forwardTraining(s, x, 0, gamma,
        beta, runMean, runVar, sigmoid, y, 0, savedMean, savedInvStd)));
    calls.add(new Call("BN backward " + s, k -> k.bn().backward(s, x, 0, dy, 0, gamma, beta,
        savedMean, savedInvStd, sigmoid, dx, 0, dgamma, dbeta)));
    calls.add(new Call("BN backward with ReLU " + s, k -> k.bn().backward(s, x, 0, dy, 0, gamma,
        beta, savedMean, savedInvStd, relu, dx, 0, dgamma, dbeta)));
    calls.add(new Call("BN globalStatsBackward " + s, k -> k.bn().globalStatsBackward(s, x, 0,
        dy, 0, mean, var, gamma, beta, keras, dx, 0, dgamma, dbeta)));
  }

  private static void convolution(List<Call> calls, ConvShape s) {
    float[] x = random(s.input().size(), 1);
    float[] w = random(s.weightSize(), 2);
    float[] bias = random(s.cout(), 3);
    float[] y = new float[s.output().size()];
    float[] dx = new float[s.input().size()];
    float[] dw = new float[s.weightSize()];
    float[] dbias = new float[s.cout()];
    calls.add(new Call("conv forward " + s, k -> k.conv().forward(s, x, 0, w, 0, bias, 0, y, 0)));
    calls.add(new Call("conv backwardData " + s, k ->
        k.conv().backwardData(s, y, 0, w, 0, dx, 0)));
    calls.add(new Call("conv backwardWeights " + s, k ->
        k.conv().backwardWeights(s, x, 0, y, 0, dw, 0, dbias, 0)));
  }

  private static void dense(List<Call> calls, int n) {
    int in = 400;
    int out = 120;
    float[] x = random(n * in, 1);
    float[] w = random(in * out, 2);
    float[] b = random(out, 3);
    float[] y = new float[n * out];
    float[] dx = new float[n * in];
    float[] dw = new float[in * out];
    float[] db = new float[out];
    calls.add(new Call("dense forward n=" + n, k ->
        k.dense().forward(n, in, out, x, 0, w, 0, b, 0, y, 0)));
    calls.add(new Call("dense backwardData n=" + n, k ->
        k.dense().backwardData(n, in, out, y, 0, w, 0, dx, 0)));
    calls.add(new Call("dense backwardWeights n=" + n, k ->
        k.dense().backwardWeights(n, in, out, x, 0, y, 0, dw, 0, db, 0)));
  }

  private static void maxPool(List<Call> calls, TensorShape input) {
    PoolShape s = new PoolShape(input, 2, 2);
    int outSize = s.output().size();
    float[] x = random(input.size(), 1);
    float[] y = new float[outSize];
    int[] argmax = new int[outSize];
    float[] dx = new float[input.size()];
    calls.add(new Call("pool forward " + s, k ->
        k.pool().forward(s, x, 0, y, 0, argmax, 0)));
    calls.add(new Call("pool backward " + s, k -> {
      k.pool().forward(s, x, 0, y, 0, argmax, 0);
      k.pool().backward(s, y, 0, argmax, 0, dx, 0);
    }));
  }

  private static void elementwise(List<Call> calls, int count) {
    float[] x = random(count, 1);
    float[] g = random(count, 2);
    float[] y = new float[count];
    float[] v = new float[count];
    calls.add(new Call("sigmoid forward+backward of " + count, k -> {
      k.act().sigmoidForward(x, 0, y, 0, count);
      k.act().sigmoidBackward(y, 0, g, 0, v, 0, count);
    }));
    calls.add(new Call("relu forward+backward of " + count, k -> {
      k.act().reluForward(x, 0, y, 0, count);
      k.act().reluBackward(x, 0, g, 0, v, 0, count);
    }));
    calls.add(new Call("rmsProp and sgd of " + count, k -> {
      k.opt().rmsProp(y, 0, g, 0, v, 0, count, 1e-3f, 0.9f, 1e-7f);
      k.opt().sgd(y, 0, g, 0, count, 1e-3f);
    }));
  }

  private static void losses(List<Call> calls) {
    int n = 64;
    int classes = 10;
    int[] labels = new int[n];
    float[] logits = random(n * classes, 3);
    for (int i = 0; i < n * classes; i += 2 * classes) {
      // every other row far below 0, which the sigmoid head recomputes from e^(z - max)
      Arrays.fill(logits, i, i + classes, -95f);
    }
    float[] d = new float[n * classes];
    calls.add(new Call("losses", k -> {
      Losses losses = k.losses();
      losses.softmaxCrossEntropy(n, classes, logits, 0, labels, 0, d, 0);
      losses.softmax(n, classes, logits, 0, d, 0);
      losses.sigmoidHeadCrossEntropy(n, classes, logits, 0, labels, 0, d, 0);
      losses.sigmoidHeadProbabilities(n, classes, logits, 0, d, 0);
      losses.correct(n, classes, logits, 0, labels, 0);
    }));
  }

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }

  /** The kernels of one context, fetched once as a caller would. */
  record Facades(BatchNorm bn, Convolution conv, Dense dense, MaxPool pool, Activations act,
      Losses losses, Optimizers opt) {
    static Facades scalar(KernelContext k) {
      Implementation impl = Implementation.SCALAR;
      return new Facades(Kernels.batchNorm(k, impl), Kernels.convolution(k, impl),
          Kernels.dense(k, impl), Kernels.maxPool(k, impl), Kernels.activations(k, impl),
          Kernels.losses(k, impl), Kernels.optimizers(k, impl));
    }
  }
}
