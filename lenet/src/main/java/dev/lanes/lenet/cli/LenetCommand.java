package dev.lanes.lenet.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code bin/lenet}: parses the command line into an options record, checks it, and
 * hands it to {@link LenetActions}. Every error is one line on stderr, {@code lenet: error: ...}, with
 * exit status 2 for a usage error (unknown option, bad value, missing input file) and 1 for a failure
 * while running (I/O, corrupt checkpoint); {@code --debug} adds the stack trace.
 */
@Command(name = "lenet", synopsisSubcommandLabel = "COMMAND",
    description = "LeNet with batch norm on MNIST, trained on the Lanes kernels.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
        FoldCommand.class, ExperimentsCommand.class},
    footerHeading = "%nExit status:%n",
    footer = {"  0  success", "  1  failure while running (I/O error, corrupt checkpoint, ...)",
        "  2  usage error"})
public final class LenetCommand implements Callable<Integer> {
  static final int FAILURE = 1;
  static final int USAGE = 2;
  private static final String PREFIX = "lenet: error: ";
  private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
      description = "show this help")
  boolean help;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print the stack trace of an error")
  boolean debug;

  private final Supplier<LenetActions> actions;

  LenetCommand(Supplier<LenetActions> actions) {
    this.actions = actions;
  }

  public static void main(String[] args) {
    // the kernels log their choice through java.util.logging, whose default takes two lines a record
    if (System.getProperty(LOG_FORMAT) == null) {
      System.setProperty(LOG_FORMAT, "%4$s: %5$s%6$s%n");
    }
    System.exit(run(args, System.out, System.err, Actions::actions));
  }

  /** Runs one command line; {@code actions} is asked for its implementation only when a command runs. */
  static int run(String[] args, PrintStream out, PrintStream err, Supplier<LenetActions> actions) {
    LenetCommand root = new LenetCommand(actions);
    PrintWriter errWriter = writer(err);
    try {
      CommandLine cmd = new CommandLine(root);
      Converters.register(cmd);
      cmd.setOut(writer(out));
      cmd.setErr(errWriter);
      cmd.setParameterExceptionHandler((e, ignored) -> {
        report(errWriter, ErrorMessages.usage(e), e, root.debug);
        return USAGE;
      });
      cmd.setExecutionExceptionHandler((e, ignored, parsed) -> {
        report(errWriter, ErrorMessages.failure(e), e, root.debug);
        return FAILURE;
      });
      return cmd.execute(args);
    } catch (RuntimeException | Error e) {
      report(errWriter, ErrorMessages.failure(e), e, root.debug);
      return FAILURE;
    } finally {
      errWriter.flush();
      out.flush();
    }
  }

  /** A command without a subcommand is a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "expected a command: train, evaluate, predict, summary, fold or experiments (see lenet --help)");
  }

  LenetActions actions() {
    return actions.get();
  }

  /**
   * Builds a command's options; an {@link IllegalArgumentException} there is a usage error, reported
   * with its message.
   */
  static <T> T checked(CommandSpec spec, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static void report(PrintWriter err, String message, Throwable e, boolean debug) {
    err.println(PREFIX + message);
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
  }
}
