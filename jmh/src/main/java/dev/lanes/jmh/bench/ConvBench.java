package dev.lanes.jmh.bench;

import dev.lanes.jmh.JvmArgs;
import dev.lanes.jmh.impl.ConvImpl;
import dev.lanes.jmh.impl.ConvProblem;
import dev.lanes.jmh.impl.Impls;
import dev.lanes.jmh.shapes.ConvOp;
import dev.lanes.jmh.shapes.ConvShape;
import dev.lanes.jmh.verify.ConvCheck;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * 2-D convolution: forward, backward-data and backward-weights, time per call, on the shapes K1-K3 of
 * BENCHMARKING.md in both layouts. The implementation is chosen by {@code impl} in {@code @Setup}, which
 * also runs the measured pass once and checks it against {@link ConvCheck}; a mismatch fails the trial.
 * The report turns times into GFLOP/s with {@link ConvShape#flops()}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {JvmArgs.VECTOR_MODULE, JvmArgs.XMS, JvmArgs.XMX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvBench {
  /** Seed of the inputs; the same in every fork and run. */
  static final long SEED = 19980501L;

  @Param({"K1", "K2", "K3"})
  public String shape;

  @Param({"NCHW", "NHWC"})
  public String layout;

  @Param({"reference", "scalar", "panama"})
  public String impl;

  @Param({"1"})
  public int threads;

  private ConvProblem problem;
  private ConvImpl kernel;

  @Setup(Level.Trial)
  public void setup(BenchmarkParams params) {
    prepare();
    verify(ConvOp.byMethod(Params.method(params.getBenchmark())));
  }

  /** Makes the seeded problem and binds the implementation named by {@code impl} to it. */
  public void prepare() {
    problem = new ConvProblem(ConvShape.byId(shape).shape(Params.layout(layout)), SEED);
    kernel = Impls.conv(impl, problem, threads);
  }

  /** Runs {@code op} once and checks its results; throws IllegalStateException on a mismatch. */
  public void verify(ConvOp op) {
    switch (op) {
      case FORWARD -> kernel.forward();
      case BACKWARD_DATA -> kernel.backwardData();
      case BACKWARD_WEIGHTS -> kernel.backwardWeights();
    }
    ConvCheck.check(op, problem, kernel);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    kernel.close();
  }

  @Benchmark
  public Object forward() {
    return kernel.forward();
  }

  @Benchmark
  public Object backwardData() {
    return kernel.backwardData();
  }

  @Benchmark
  public Object backwardWeights() {
    return kernel.backwardWeights();
  }
}
