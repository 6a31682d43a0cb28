/*
 * Where a float[]'s data lies, and what that costs a streamed loop: prints each array's address mod 64
 * (through a critical FFM downcall of memset with a length of 0, which returns the address it is
 * given), then times y = (x - shift) * scale + bias over B5's 51 MB from 0, 4, 8 and 12 floats into
 * the arrays, in 512-bit and 256-bit vectors, with constant coefficients and with coefficients loaded
 * per vector from a 256-slot pattern (as the NHWC normalize does). Medians of the calls, in ms.
 * Not batch norm itself; docs/batchnorm.md ("Vector boundaries") quotes its output.
 *
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
 *   taskset -c 0 $J --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *       -XX:+UseG1GC -Xms4g -Xmx4g -XX:+AlwaysPreTouch docs/diagnostics/VectorBoundaries.java 15
 */
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

public class VectorBoundaries {
  static final int N = 64 * 256 * 784;
  static final int C = 256;

  static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;
  static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;

  interface Loop {
    void run(float[] x, float[] y, int off, float[][] coefficients);
  }

  // One method per species and loop: the Vector API compiles to vector instructions only where the
  // species is a constant.

  static void constant512(float[] x, float[] y, int off, float[][] k) {
    FloatVector shift = FloatVector.fromArray(S512, k[0], 0);
    FloatVector scale = FloatVector.fromArray(S512, k[1], 0);
    FloatVector bias = FloatVector.fromArray(S512, k[2], 0);
    for (int i = 0; i <= N - S512.length(); i += S512.length()) {
      FloatVector.fromArray(S512, x, off + i).sub(shift).fma(scale, bias).intoArray(y, off + i);
    }
  }

  static void constant256(float[] x, float[] y, int off, float[][] k) {
    FloatVector shift = FloatVector.fromArray(S256, k[0], 0);
    FloatVector scale = FloatVector.fromArray(S256, k[1], 0);
    FloatVector bias = FloatVector.fromArray(S256, k[2], 0);
    for (int i = 0; i <= N - S256.length(); i += S256.length()) {
      FloatVector.fromArray(S256, x, off + i).sub(shift).fma(scale, bias).intoArray(y, off + i);
    }
  }

  static void pattern512(float[] x, float[] y, int off, float[][] k) {
    for (int i = 0, j = 0; i <= N - S512.length(); i += S512.length()) {
      FloatVector.fromArray(S512, x, off + i).sub(FloatVector.fromArray(S512, k[0], j))
          .fma(FloatVector.fromArray(S512, k[1], j), FloatVector.fromArray(S512, k[2], j))
          .intoArray(y, off + i);
      j = j + S512.length() == C ? 0 : j + S512.length();
    }
  }

  static void pattern256(float[] x, float[] y, int off, float[][] k) {
    for (int i = 0, j = 0; i <= N - S256.length(); i += S256.length()) {
      FloatVector.fromArray(S256, x, off + i).sub(FloatVector.fromArray(S256, k[0], j))
          .fma(FloatVector.fromArray(S256, k[1], j), FloatVector.fromArray(S256, k[2], j))
          .intoArray(y, off + i);
      j = j + S256.length() == C ? 0 : j + S256.length();
    }
  }

  /** The pointer comes back as a long, as x86-64 and AArch64 return a pointer in an integer register. */
  static long address(float[] a) throws Throwable {
    Linker linker = Linker.nativeLinker();
    MethodHandle memset = linker.downcallHandle(linker.defaultLookup().find("memset").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_LONG),
        Linker.Option.critical(true));
    return (long) memset.invokeExact(MemorySegment.ofArray(a), 0, 0L);
  }

  public static void main(String[] args) throws Throwable {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    float[] x = new float[N + 16];
    float[] y = new float[N + 16];
    float[] small = new float[1000];
    System.out.printf("address mod 64: x %d, y %d, a 4 KB array %d%n", address(x) % 64,
        address(y) % 64, address(small) % 64);
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    float[][] k = new float[3][C];
    for (float[] c : k) {
      for (int i = 0; i < C; i++) {
        c[i] = 1 + random.nextFloat();
      }
    }
    String[] names = {"512-bit constant", "512-bit pattern", "256-bit constant", "256-bit pattern"};
    Loop[] loops = {VectorBoundaries::constant512, VectorBoundaries::pattern512,
        VectorBoundaries::constant256, VectorBoundaries::pattern256};
    int[] offsets = {0, 4, 8, 12};
    for (int l = 0; l < loops.length; l++) {
      List<List<Double>> times = new ArrayList<>();
      for (int o = 0; o < offsets.length; o++) {
        times.add(new ArrayList<>());
        loops[l].run(x, y, offsets[o], k);
      }
      for (int call = 0; call < calls; call++) {
        for (int o = 0; o < offsets.length; o++) {
          int at = (o + call) % offsets.length;
          long t = System.nanoTime();
          loops[l].run(x, y, offsets[at], k);
          times.get(at).add((System.nanoTime() - t) / 1e6);
        }
      }
      StringBuilder line = new StringBuilder(names[l] + ":");
      for (int o = 0; o < offsets.length; o++) {
        Collections.sort(times.get(o));
        line.append(String.format(" from %d %.2f", offsets[o], times.get(o).get(calls / 2)));
      }
      System.out.println(line);
    }
  }
}
