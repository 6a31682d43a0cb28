package dev.lanes.kernels;

/**
 * A call the argument tests expect to be rejected, under the argument name its exception must give
 * (which is also how the parameterized test shows it).
 */
public record BadCall<T>(String name, T call) {
  @Override
  public String toString() {
    return name;
  }
}
