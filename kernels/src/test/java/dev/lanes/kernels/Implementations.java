package dev.lanes.kernels;

import java.util.List;

/** The implementations a test can run in this JVM. ProviderTest fails if that is not what was meant. */
final class Implementations {
  private Implementations() {}

  static List<Implementation> runnable() {
    return Kernels.panamaAvailable()
        ? List.of(Implementation.PANAMA, Implementation.SCALAR)
        : List.of(Implementation.SCALAR);
  }
}
