package dev.lanes.lenet.cli;

import dev.lanes.kernels.Convention;
import dev.lanes.kernels.Layout;
import dev.lanes.lenet.report.ProgressMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option value converters whose errors read {@code expected ..., actual '...'}, like every other
 * message of the command line; enum values are written in lower case ({@code --layout nhwc}).
 */
final class Converters {
  private Converters() {}

  /** Registers the converters on {@code cmd} and the subcommands it already has. */
  static void register(CommandLine cmd) {
    ITypeConverter<Integer> integer = s -> parse(s, "an integer", Integer::valueOf);
    ITypeConverter<Long> longInteger = s -> parse(s, "an integer", Long::valueOf);
    ITypeConverter<Double> number = s -> parse(s, "a number", Double::valueOf);
    cmd.registerConverter(int.class, integer).registerConverter(Integer.class, integer)
        .registerConverter(long.class, longInteger).registerConverter(Long.class, longInteger)
        .registerConverter(double.class, number).registerConverter(Double.class, number);
    enumConverter(cmd, Layout.class);
    enumConverter(cmd, Convention.class);
    enumConverter(cmd, Optimizer.class);
    enumConverter(cmd, Head.class);
    enumConverter(cmd, BnPlacement.class);
    enumConverter(cmd, ProgressMode.class);
  }

  /** The values of an enum as options spell them: {@code nchw, nhwc}. */
  static <E extends Enum<E>> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Converters::name).collect(Collectors.joining(", "));
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> void enumConverter(CommandLine cmd, Class<E> type) {
    cmd.registerConverter(type, s -> {
      for (E e : type.getEnumConstants()) {
        if (name(e).equals(s.toLowerCase(Locale.ROOT))) {
          return e;
        }
      }
      throw new TypeConversionException("expected one of " + names(type) + ", actual '" + s + "'");
    });
  }

  private static <T> T parse(String s, String expected, Function<String, T> parser) {
    try {
      return parser.apply(s.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected " + expected + ", actual '" + s + "'");
    }
  }
}
