package dev.lanes.kernels.panama;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species of the Panama kernels: the preferred species of this CPU, or the width the system
 * property {@value #BITS_PROPERTY} asks for (128, 256 or 512), and the same capped at 256 bits for the
 * passes that stream from memory into memory. Static final, so C2 folds them.
 */
public final class PanamaVectorConstants {
  private PanamaVectorConstants() {}

  /** System property that forces the vector width in bits. */
  public static final String BITS_PROPERTY = "lanes.vectorBits";

  public static final VectorSpecies<Float> FLOAT_SPECIES = species(System.getProperty(BITS_PROPERTY));

  /**
   * The species of the loops that stream a tensor from memory into memory (batch norm's streamed
   * normalize and dx passes): {@link #FLOAT_SPECIES}, capped at 256 bits. A memory-bound loop gains
   * nothing from wider vectors, and on an Intel Xeon B5's streamed forward training and inference took
   * 10-17% less time in 256-bit vectors than in 512-bit ones, backward the same (docs/batchnorm.md,
   * Stream vectors), perhaps because of where the arrays lay: off 64-byte boundaries (16 bytes past
   * one under G1, at any multiple of 8 bytes under SerialGC), where 512-bit accesses straddle two
   * cache lines more often (docs/batchnorm.md, Vector boundaries); not measured on other CPUs.
   */
  public static final VectorSpecies<Float> STREAM_SPECIES =
      FLOAT_SPECIES.vectorBitSize() > 256 ? FloatVector.SPECIES_256 : FLOAT_SPECIES;

  /** Bits of the species this CPU prefers, whatever the property says. */
  public static int preferredBits() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize();
  }

  /** Bits of {@link #FLOAT_SPECIES}. */
  public static int bits() {
    return FLOAT_SPECIES.vectorBitSize();
  }

  private static VectorSpecies<Float> species(String bits) {
    if (bits == null) {
      return FloatVector.SPECIES_PREFERRED;
    }
    return switch (bits.trim()) {
      case "128", "256", "512" ->
          VectorSpecies.of(float.class, VectorShape.forBitSize(Integer.parseInt(bits.trim())));
      default -> throw new IllegalArgumentException(
          BITS_PROPERTY + ": expected 128, 256 or 512, actual '" + bits + "'");
    };
  }
}
