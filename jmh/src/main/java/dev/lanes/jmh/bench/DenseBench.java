package dev.lanes.jmh.bench;

import dev.lanes.jmh.JvmArgs;
import dev.lanes.kernels.Dense;
import dev.lanes.kernels.Implementation;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.reference.dense.DenseReference;
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
 * LeNet's dense layers at batch 64, time per call: D1 256 -> 120, D2 120 -> 84, D3 84 -> 10; forward,
 * data gradient and weight gradient (FLOP = 2 * 64 * in * out each). {@code @Setup} checks the forward
 * pass against the oracle.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {JvmArgs.VECTOR_MODULE, JvmArgs.XMS, JvmArgs.XMX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class DenseBench {
  static final int N = 64;

  @Param({"D1", "D2", "D3"})
  public String shape;

  @Param({"scalar", "panama"})
  public String impl;

  private KernelContext ctx;
  private Dense dense;
  private int in;
  private int out;
  private float[] x;
  private float[] w;
  private float[] bias;
  private float[] y;
  private float[] dx;
  private float[] dw;

  @Setup(Level.Trial)
  public void setup() {
    int[] d = switch (shape) {
      case "D1" -> new int[] {256, 120};
      case "D2" -> new int[] {120, 84};
      case "D3" -> new int[] {84, 10};
      default -> throw new IllegalArgumentException("shape: expected D1, D2 or D3, actual " + shape);
    };
    in = d[0];
    out = d[1];
    ctx = new KernelContext(1);
    dense = Kernels.dense(ctx, Bench.implementation(impl));
    SplittableRandom r = new SplittableRandom(7);
    x = Bench.random(r, N * in);
    w = Bench.random(r, in * out);
    bias = Bench.random(r, out);
    y = new float[N * out];
    dx = new float[N * in];
    dw = new float[in * out];
    dense.forward(N, in, out, x, 0, w, 0, bias, 0, y, 0);
    double[] ref = new double[N * out];
    DenseReference.forward(N, in, out, Bench.widen(x), 0, Bench.widen(w), Bench.widen(bias), ref, 0);
    for (int k = 0; k < ref.length; k++) {
      if (Math.abs(ref[k] - y[k]) > 1e-4 * (1 + Math.abs(ref[k]))) {
        throw new IllegalStateException(
            "dense " + shape + " " + impl + ": y[" + k + "] = " + y[k] + ", oracle " + ref[k]);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ctx.close();
  }

  @Benchmark
  public Object forward() {
    dense.forward(N, in, out, x, 0, w, 0, bias, 0, y, 0);
    return y;
  }

  @Benchmark
  public Object backwardData() {
    dense.backwardData(N, in, out, y, 0, w, 0, dx, 0);
    return dx;
  }

  @Benchmark
  public Object backwardWeights() {
    dense.backwardWeights(N, in, out, x, 0, y, 0, dw, 0, bias, 0);
    return dw;
  }
}
