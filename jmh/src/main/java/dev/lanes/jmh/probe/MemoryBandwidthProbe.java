package dev.lanes.jmh.probe;

import dev.lanes.jmh.JvmArgs;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * DRAM bandwidth limit, measured in the same JMH run as the kernels: STREAM's copy ({@code c = a}) and
 * triad ({@code a = b + s * c}) and a read-only sum over float streams of {@link ProbeWork#STREAM_LENGTH}
 * elements (256 MiB each, far beyond the L3). Time per call; the report divides {@link ProbeWork}'s
 * bytes per call (STREAM convention: 8, 12 and 4 B per element, no write-allocate traffic) by it.
 *
 * <p>The three streams live in one array, {@link #STREAM_PAD} floats apart beyond their length. Separate
 * 256 MiB arrays land on G1 region boundaries, a large power of two apart, and then copy and triad run
 * about 30% slower on this machine (measured: copy 19 instead of 27 GB/s, the same with any vector width
 * or alignment), an address-aliasing effect that C's STREAM escapes through malloc's page offset. The
 * loops use the Vector API so they are vectorized whatever C2's auto-vectorizer decides; with two threads
 * each takes a contiguous half of every stream.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {JvmArgs.VECTOR_MODULE, JvmArgs.XMS, JvmArgs.XMX})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MemoryBandwidthProbe {
  private static final VectorSpecies<Float> FLOAT_SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final float SCALAR = 3f;
  /** Gap between streams: 32 KiB + 64 B, so no two streams are a power of two apart. */
  static final int STREAM_PAD = 8192 + 16;
  private static final int A = 0;
  private static final int B = ProbeWork.STREAM_LENGTH + STREAM_PAD;
  private static final int C = 2 * B;

  @Param({"1", "2"})
  public int threads;

  /** Streams a, b and c at offsets A, B and C. */
  private float[] data;
  private RangeSplitter split;
  private RangeSplitter.RangeTask copyTask;
  private RangeSplitter.RangeTask triadTask;
  private RangeSplitter.RangeTask sumTask;

  @Setup
  public void setup() {
    data = new float[C + ProbeWork.STREAM_LENGTH];
    Arrays.fill(data, A, A + ProbeWork.STREAM_LENGTH, 1f);
    Arrays.fill(data, B, B + ProbeWork.STREAM_LENGTH, 2f);
    split = new RangeSplitter(threads);
    copyTask = (from, to) -> copyBody(data, from, to);
    triadTask = (from, to) -> triadBody(data, from, to);
    sumTask = (from, to) -> sumBody(data, from, to);
    // Touch every page on the threads that will use it and check each kernel once.
    split.run(ProbeWork.STREAM_LENGTH, copyTask);
    split.run(ProbeWork.STREAM_LENGTH, triadTask);
    double sum = split.run(ProbeWork.STREAM_LENGTH, sumTask);
    double expected = (2f + SCALAR * 1f) * (double) ProbeWork.STREAM_LENGTH;
    float lastC = data[C + ProbeWork.STREAM_LENGTH - 1];
    if (Math.abs(sum - expected) > 1e-6 * expected || lastC != 1f) {
      throw new IllegalStateException("bandwidth probe self-check: expected sum " + expected
          + " and c[last] 1, actual " + sum + " and " + lastC);
    }
  }

  @TearDown
  public void tearDown() {
    split.close();
  }

  /** STREAM copy: c = a (8 B per element). */
  @Benchmark
  public double copy() {
    return split.run(ProbeWork.STREAM_LENGTH, copyTask);
  }

  /** STREAM triad: a = b + s * c (12 B per element). */
  @Benchmark
  public double triad() {
    return split.run(ProbeWork.STREAM_LENGTH, triadTask);
  }

  /** Read-only sum of a (4 B per element). */
  @Benchmark
  public double sum() {
    return split.run(ProbeWork.STREAM_LENGTH, sumTask);
  }

  static double copyBody(float[] data, int from, int to) {
    int i = from;
    int limit = from + FLOAT_SPECIES.loopBound(to - from);
    for (; i < limit; i += FLOAT_SPECIES.length()) {
      FloatVector.fromArray(FLOAT_SPECIES, data, A + i).intoArray(data, C + i);
    }
    // scalar tail
    for (; i < to; i++) {
      data[C + i] = data[A + i];
    }
    return 0;
  }

  static double triadBody(float[] data, int from, int to) {
    FloatVector vs = FloatVector.broadcast(FLOAT_SPECIES, SCALAR);
    int i = from;
    int limit = from + FLOAT_SPECIES.loopBound(to - from);
    for (; i < limit; i += FLOAT_SPECIES.length()) {
      FloatVector vc = FloatVector.fromArray(FLOAT_SPECIES, data, C + i);
      vc.fma(vs, FloatVector.fromArray(FLOAT_SPECIES, data, B + i)).intoArray(data, A + i);
    }
    // scalar tail
    for (; i < to; i++) {
      data[A + i] = Math.fma(data[C + i], SCALAR, data[B + i]);
    }
    return 0;
  }

  static double sumBody(float[] data, int from, int to) {
    // Four accumulators hide the add latency; the loads, not the adds, must be the limit.
    int step = 4 * FLOAT_SPECIES.length();
    FloatVector acc1 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc2 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc3 = FloatVector.zero(FLOAT_SPECIES);
    FloatVector acc4 = FloatVector.zero(FLOAT_SPECIES);
    int i = from;
    int limit = from + (to - from) / step * step;
    for (; i < limit; i += step) {
      acc1 = acc1.add(FloatVector.fromArray(FLOAT_SPECIES, data, A + i));
      acc2 = acc2.add(FloatVector.fromArray(FLOAT_SPECIES, data, A + i + FLOAT_SPECIES.length()));
      acc3 = acc3.add(FloatVector.fromArray(FLOAT_SPECIES, data, A + i + 2 * FLOAT_SPECIES.length()));
      acc4 = acc4.add(FloatVector.fromArray(FLOAT_SPECIES, data, A + i + 3 * FLOAT_SPECIES.length()));
    }
    double sum = acc1.add(acc2).add(acc3.add(acc4)).reduceLanes(VectorOperators.ADD);
    // scalar tail
    for (; i < to; i++) {
      sum += data[A + i];
    }
    return sum;
  }
}
