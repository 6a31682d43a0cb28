package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The provider chose what this test JVM was set up for (system property {@code lanes.expect}, default
 * panama, and {@code lanes.vectorBits}), so a build cannot pass on the fallback by accident.
 */
class ProviderTest {

  @Test
  void chosenImplementationIsTheExpectedOne() {
    Implementation expected =
        Implementation.valueOf(System.getProperty("lanes.expect", "panama").toUpperCase());
    assertEquals(expected, Kernels.implementation(),
        "implementation chosen (lanes.expect=" + expected + ")");
    assertEquals(expected == Implementation.PANAMA, Kernels.panamaAvailable());
  }

  @Test
  void vectorWidthIsTheRequestedOne() {
    String bits = System.getProperty("lanes.vectorBits");
    if (Kernels.implementation() == Implementation.SCALAR) {
      assertEquals(32, Kernels.vectorBits());
    } else if (bits != null) {
      assertEquals(Integer.parseInt(bits), Kernels.vectorBits());
    }
  }

  @Test
  void panamaOnDemandFailsWithTheFixWhenUnavailable() {
    try (KernelContext ctx = new KernelContext(1)) {
      if (Kernels.panamaAvailable()) {
        assertEquals(Implementation.PANAMA, Implementation.valueOf(
            Kernels.batchNorm(ctx, Implementation.PANAMA).toString().contains("panama")
                ? "PANAMA" : "SCALAR"));
      } else {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> Kernels.batchNorm(ctx, Implementation.PANAMA));
        assertEquals(true, e.getMessage().contains("--add-modules jdk.incubator.vector"),
            e.getMessage());
      }
    }
  }
}
