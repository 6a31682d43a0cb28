package dev.lanes.lenet.cli;

/** Where {@code bin/lenet} gets its {@link LenetActions}. */
public final class Actions {
  private Actions() {}

  /** The implementation the command line runs. */
  public static LenetActions actions() {
    throw new UnsupportedOperationException("not built yet");
  }
}
