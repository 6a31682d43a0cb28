package dev.lanes.jmh.probe;

import dev.lanes.jmh.JvmArgs;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * f32 FMA peak, measured in the same JMH run as the kernels: {@link ProbeWork#FMA_CHAINS} independent
 * {@code FloatVector.fma} chains on the preferred species, held in registers, so the FMA pipes and not
 * the 4-cycle latency are the limit. One call does {@link ProbeWork#FMA_FLOP_PER_CALL} FLOP whatever the
 * vector width (the iteration count is fixed per width); with two threads each does half the iterations.
 *
 * <p>The preferred vector width is recorded as the secondary metric {@code vectorBits} so that the
 * report can state it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {JvmArgs.VECTOR_MODULE, JvmArgs.XMS, JvmArgs.XMX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeakProbe {
  private static final VectorSpecies<Float> FLOAT_SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Iterations of all chains per call; each iteration is one fma per chain. */
  private static final int ITERATIONS = ProbeWork.FMA_LANE_OPS_PER_CHAIN / FLOAT_SPECIES.length();

  @Param({"1", "2"})
  public int threads;

  private RangeSplitter split;
  private final RangeSplitter.RangeTask chainsTask = (from, to) -> fmaChains(to - from);

  /** The preferred vector width, reported by JMH next to the time (value per iteration). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class VectorWidth {
    public long vectorBits;

    @Setup(Level.Iteration)
    public void reset() {
      vectorBits = 0;
    }
  }

  @Setup
  public void setup() {
    split = new RangeSplitter(threads);
    double sum = split.run(ITERATIONS, chainsTask);
    if (!Double.isFinite(sum)) {
      throw new IllegalStateException("FMA probe self-check: expected a finite sum, actual " + sum);
    }
  }

  @TearDown
  public void tearDown() {
    split.close();
  }

  @Benchmark
  public double fma(VectorWidth width) {
    width.vectorBits = FLOAT_SPECIES.vectorBitSize();
    return split.run(ITERATIONS, chainsTask);
  }

  /** Runs all chains for {@code iterations} steps and returns their sum, so nothing is dead. */
  static double fmaChains(int iterations) {
    // a * 0.999999 + 1e-7 stays near its start: no overflow, no subnormals.
    FloatVector vb = FloatVector.broadcast(FLOAT_SPECIES, 0.999999f);
    FloatVector vc = FloatVector.broadcast(FLOAT_SPECIES, 1e-7f);
    FloatVector acc1 = FloatVector.broadcast(FLOAT_SPECIES, 0.1f);
    FloatVector acc2 = FloatVector.broadcast(FLOAT_SPECIES, 0.2f);
    FloatVector acc3 = FloatVector.broadcast(FLOAT_SPECIES, 0.3f);
    FloatVector acc4 = FloatVector.broadcast(FLOAT_SPECIES, 0.4f);
    FloatVector acc5 = FloatVector.broadcast(FLOAT_SPECIES, 0.5f);
    FloatVector acc6 = FloatVector.broadcast(FLOAT_SPECIES, 0.6f);
    FloatVector acc7 = FloatVector.broadcast(FLOAT_SPECIES, 0.7f);
    FloatVector acc8 = FloatVector.broadcast(FLOAT_SPECIES, 0.8f);
    FloatVector acc9 = FloatVector.broadcast(FLOAT_SPECIES, 0.9f);
    FloatVector acc10 = FloatVector.broadcast(FLOAT_SPECIES, 1.0f);
    FloatVector acc11 = FloatVector.broadcast(FLOAT_SPECIES, 1.1f);
    FloatVector acc12 = FloatVector.broadcast(FLOAT_SPECIES, 1.2f);
    for (int i = 0; i < iterations; i++) {
      acc1 = acc1.fma(vb, vc);
      acc2 = acc2.fma(vb, vc);
      acc3 = acc3.fma(vb, vc);
      acc4 = acc4.fma(vb, vc);
      acc5 = acc5.fma(vb, vc);
      acc6 = acc6.fma(vb, vc);
      acc7 = acc7.fma(vb, vc);
      acc8 = acc8.fma(vb, vc);
      acc9 = acc9.fma(vb, vc);
      acc10 = acc10.fma(vb, vc);
      acc11 = acc11.fma(vb, vc);
      acc12 = acc12.fma(vb, vc);
    }
    FloatVector sum = acc1.add(acc2).add(acc3.add(acc4))
        .add(acc5.add(acc6).add(acc7.add(acc8)))
        .add(acc9.add(acc10).add(acc11.add(acc12)));
    return sum.reduceLanes(VectorOperators.ADD);
  }
}
