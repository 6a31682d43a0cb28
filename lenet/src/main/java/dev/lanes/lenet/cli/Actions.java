package dev.lanes.lenet.cli;

import dev.lanes.lenet.app.LenetApp;

/** Where {@code bin/lenet} gets its {@link LenetActions}. */
public final class Actions {
  private Actions() {}

  /** The implementation the command line runs, printing to standard output. */
  public static LenetActions actions() {
    return new LenetApp(System.out);
  }
}
