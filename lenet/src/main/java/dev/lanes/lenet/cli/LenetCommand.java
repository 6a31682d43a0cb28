package dev.lanes.lenet.cli;

import java.io.PrintStream;

/**
 * Entry point of {@code bin/lenet}. The trainer is not built yet (see the LeNet issue); until it is,
 * every command prints what it will do and exits with status 2, so no script mistakes it for a run.
 */
public final class LenetCommand {
  private LenetCommand() {}

  static final String USAGE = """
      Usage: bin/lenet COMMAND [OPTIONS]
        train        train LeNet with batch norm on MNIST (the chapter's protocol)
        evaluate     loss, accuracy and confusion matrix of a checkpoint
        predict      digit and probabilities for an IDX file or PNG image
        summary      layers, output shapes and parameter counts
        fold         fold every batch norm into the preceding layer
        experiments  the chapter's exercises, written to docs/lenet.md
      Not available yet: the LeNet trainer is still to be built.""";

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    err.println(USAGE);
    return 2;
  }
}
