package dev.lanes.jmh.bench;

import dev.lanes.jmh.JvmArgs;
import dev.lanes.jmh.impl.BatchNormImpl;
import dev.lanes.jmh.impl.BatchNormProblem;
import dev.lanes.jmh.impl.Impls;
import dev.lanes.jmh.shapes.BatchNormOp;
import dev.lanes.jmh.shapes.BatchNormShape;
import dev.lanes.jmh.verify.BatchNormCheck;
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
 * Batch norm: forward training, inference and backward, time per call, on the shapes B1-B5 of
 * BENCHMARKING.md in both layouts (B3 is 2-D: both layouts are the same memory order). The implementation
 * is chosen by {@code impl} in {@code @Setup}, which also runs the measured pass once and checks it
 * against {@link BatchNormCheck}; a mismatch fails the trial. The report turns times into GB/s with
 * {@link BatchNormOp#bytesPerElement()}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {JvmArgs.VECTOR_MODULE, JvmArgs.XMS, JvmArgs.XMX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchNormBench {
  /** Seed of the inputs; the same in every fork and run. */
  static final long SEED = 20150211L;

  @Param({"B1", "B2", "B3", "B4", "B5"})
  public String shape;

  @Param({"NCHW", "NHWC"})
  public String layout;

  @Param({"reference", "scalar", "panama"})
  public String impl;

  @Param({"1"})
  public int threads;

  private BatchNormProblem problem;
  private BatchNormImpl kernel;

  @Setup(Level.Trial)
  public void setup(BenchmarkParams params) {
    prepare();
    verify(BatchNormOp.byMethod(Params.method(params.getBenchmark())));
  }

  /** Makes the seeded problem and binds the implementation named by {@code impl} to it. */
  public void prepare() {
    problem = new BatchNormProblem(BatchNormShape.byId(shape).shape(Params.layout(layout)), SEED);
    kernel = Impls.batchNorm(impl, problem, threads);
  }

  /** Runs {@code op} once and checks its results; throws IllegalStateException on a mismatch. */
  public void verify(BatchNormOp op) {
    switch (op) {
      case FORWARD_TRAINING -> kernel.forwardTraining();
      case INFERENCE -> kernel.inference();
      case BACKWARD -> kernel.backward();
    }
    BatchNormCheck.check(op, problem, kernel);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    kernel.close();
  }

  @Benchmark
  public Object forwardTraining() {
    return kernel.forwardTraining();
  }

  @Benchmark
  public Object inference() {
    return kernel.inference();
  }

  @Benchmark
  public Object backward() {
    return kernel.backward();
  }
}
