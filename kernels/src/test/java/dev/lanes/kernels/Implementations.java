package dev.lanes.kernels;

import dev.lanes.kernels.provider.KernelProvider;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The implementations a test can run in this JVM. ProviderTest fails if that is not what was meant. */
public final class Implementations {
  private Implementations() {}

  public static List<Implementation> runnable() {
    return Kernels.panamaAvailable()
        ? List.of(Implementation.PANAMA, Implementation.SCALAR)
        : List.of(Implementation.SCALAR);
  }

  /** Every runnable implementation with every case: the arguments (impl, case) of a parameterized test. */
  public static Stream<Arguments> withEach(List<?> cases) {
    return runnable().stream().flatMap(impl -> cases.stream().map(c -> Arguments.of(impl, c)));
  }

  /** Float lanes of the Panama vectors in this JVM, or 8 where Panama cannot run (edge shapes). */
  public static int lanes() {
    return Kernels.panamaAvailable() ? KernelProvider.panamaBits() / Float.SIZE : 8;
  }
}
