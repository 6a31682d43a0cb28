package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every kernel factory gives the implementation asked for (its toString names it), the chosen one by
 * default, and PANAMA only where it can run: elsewhere an IllegalStateException names the fix.
 */
class FactoryTest {
  private record Factory(String name, Function<KernelContext, Object> chosen,
      BiFunction<KernelContext, Implementation, Object> given) {}

  private static final List<Factory> FACTORIES = List.of(
      new Factory("dense", Kernels::dense, Kernels::dense),
      new Factory("maxPool", Kernels::maxPool, Kernels::maxPool),
      new Factory("activations", Kernels::activations, Kernels::activations),
      new Factory("losses", Kernels::losses, Kernels::losses),
      new Factory("optimizers", Kernels::optimizers, Kernels::optimizers));

  @Test
  void factoriesMakeTheImplementationAskedFor() {
    try (KernelContext ctx = new KernelContext(1)) {
      for (Factory f : FACTORIES) {
        String chosen = Kernels.implementation().name().toLowerCase();
        assertTrue(f.chosen().apply(ctx).toString().contains(chosen), f.name() + " by default");
        assertTrue(f.given().apply(ctx, Implementation.SCALAR).toString().contains("scalar"),
            f.name() + " SCALAR");
        if (Kernels.panamaAvailable()) {
          String panama = f.given().apply(ctx, Implementation.PANAMA).toString();
          assertTrue(panama.contains("panama " + Kernels.vectorBits() + "-bit"),
              f.name() + " PANAMA: " + panama);
        } else {
          IllegalStateException e = assertThrows(IllegalStateException.class,
              () -> f.given().apply(ctx, Implementation.PANAMA), f.name());
          assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
        }
      }
    }
  }

  @Test
  void factoriesRejectNulls() {
    try (KernelContext ctx = new KernelContext(1)) {
      for (Factory f : FACTORIES) {
        IllegalArgumentException noCtx = assertThrows(IllegalArgumentException.class,
            () -> f.given().apply(null, Implementation.SCALAR), f.name());
        assertEquals("ctx: expected a KernelContext, actual null", noCtx.getMessage());
        IllegalArgumentException noImpl = assertThrows(IllegalArgumentException.class,
            () -> f.given().apply(ctx, null), f.name());
        assertEquals("impl: expected PANAMA or SCALAR, actual null", noImpl.getMessage());
      }
    }
  }
}
