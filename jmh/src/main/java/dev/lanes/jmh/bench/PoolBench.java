package dev.lanes.jmh.bench;

import dev.lanes.jmh.JvmArgs;
import dev.lanes.kernels.Activations;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.MaxPool;
import dev.lanes.kernels.PoolShape;
import dev.lanes.kernels.TensorShape;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LeNet's 2 x 2 max-pools at batch 64 (P1 on 6 x 24 x 24 after conv1, P2 on 16 x 8 x 8 after conv2),
 * forward with argmax and backward (from the argmax of a forward pass in {@code @Setup}), and the
 * sigmoid over the same tensors, forward and backward; time per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {JvmArgs.VECTOR_MODULE, JvmArgs.XMS, JvmArgs.XMX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolBench {
  @Param({"P1", "P2"})
  public String shape;

  @Param({"NCHW", "NHWC"})
  public String layout;

  @Param({"scalar", "panama"})
  public String impl;

  private KernelContext ctx;
  private MaxPool pool;
  private Activations act;
  private PoolShape s;
  private float[] x;
  private float[] y;
  private float[] dx;
  private float[] grad;
  private int[] argmax;

  @Setup(Level.Trial)
  public void setup() {
    int[] d = switch (shape) {
      case "P1" -> new int[] {6, 24, 24};
      case "P2" -> new int[] {16, 8, 8};
      default -> throw new IllegalArgumentException("shape: expected P1 or P2, actual " + shape);
    };
    s = new PoolShape(new TensorShape(DenseBench.N, d[0], d[1], d[2], Layout.valueOf(layout)), 2, 2);
    ctx = new KernelContext(1);
    pool = Kernels.maxPool(ctx, Bench.implementation(impl));
    act = Kernels.activations(ctx, Bench.implementation(impl));
    x = Bench.random(new SplittableRandom(11), s.input().size());
    y = new float[s.output().size()];
    dx = new float[s.input().size()];
    grad = new float[s.input().size()];
    argmax = new int[y.length];
    pool.forward(s, x, 0, y, 0, argmax, 0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ctx.close();
  }

  @Benchmark
  public Object poolForward() {
    pool.forward(s, x, 0, y, 0, argmax, 0);
    return y;
  }

  @Benchmark
  public Object poolBackward() {
    pool.backward(s, y, 0, argmax, 0, dx, 0);
    return dx;
  }

  @Benchmark
  public Object sigmoidForward() {
    act.sigmoidForward(x, 0, dx, 0, x.length);
    return dx;
  }

  @Benchmark
  public Object sigmoidBackward() {
    act.sigmoidBackward(dx, 0, x, 0, grad, 0, x.length);
    return grad;
  }
}
