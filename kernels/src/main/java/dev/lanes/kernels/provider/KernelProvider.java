package dev.lanes.kernels.provider;

import dev.lanes.kernels.Implementation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Chooses the implementation once per JVM: Panama when {@code jdk.incubator.vector} is readable and the
 * vector width is at least 128 bits, else Scalar with a single warning that names the fix. The system
 * property {@value #IMPL_PROPERTY} ({@code panama} or {@code scalar}) forces the choice, and
 * {@value #BITS_PROPERTY} (128, 256 or 512) the width. The choice is logged once.
 */
public final class KernelProvider {
  public static final String IMPL_PROPERTY = "lanes.impl";
  public static final String BITS_PROPERTY = "lanes.vectorBits";
  static final String MODULE = "jdk.incubator.vector";
  static final String FIX = "add --add-modules " + MODULE + " to the java command line";

  private static final System.Logger LOG = System.getLogger("dev.lanes.kernels");

  /** The implementation in use, its vector width in bits (32 for scalar), and why. */
  public record Choice(Implementation implementation, int vectorBits, String reason) {}

  private KernelProvider() {}

  /**
   * The choice of this JVM, made and logged on first use; a bad {@value #IMPL_PROPERTY} or
   * {@value #BITS_PROPERTY} throws {@link IllegalStateException} naming it, on every call.
   */
  public static Choice choice() {
    if (Holder.ERROR != null) {
      throw new IllegalStateException(Holder.ERROR.getMessage(), Holder.ERROR);
    }
    return Holder.CHOICE;
  }

  /** True when Panama kernels can run here (the module is readable, width >= 128 bits). */
  public static boolean panamaAvailable() {
    return Holder.PANAMA_BITS >= 128;
  }

  /** Vector width of the Panama kernels; throws when they cannot run here. */
  public static int panamaBits() {
    if (!panamaAvailable()) {
      throw new IllegalStateException("Panama kernels are not available: " + Holder.PANAMA_PROBLEM
          + "; " + FIX);
    }
    return Holder.PANAMA_BITS;
  }

  private static final class Holder {
    static final String PANAMA_PROBLEM;
    static final int PANAMA_BITS;
    static final Choice CHOICE;
    static final RuntimeException ERROR;

    static {
      RuntimeException error = null;
      try {
        checkBits(System.getProperty(BITS_PROPERTY));
      } catch (RuntimeException e) {
        error = e;
      }
      String problem = null;
      int bits = 0;
      if (error != null) {
        problem = error.getMessage();
      } else if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
        problem = "module " + MODULE + " is not readable";
      } else {
        try {
          int[] probed = probe();
          bits = probed[0];
          if (probed[1] < 128) {
            problem = "the preferred vector has " + probed[1] + " bits, fewer than 128";
            bits = 0;
          }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
          problem = "the Vector API species could not be read (" + e + ")";
          bits = 0;
        }
      }
      PANAMA_PROBLEM = problem;
      PANAMA_BITS = bits;
      Choice choice = null;
      if (error == null) {
        try {
          choice = decide(System.getProperty(IMPL_PROPERTY));
          log(choice);
        } catch (RuntimeException e) {
          error = e;
        }
      }
      CHOICE = choice;
      ERROR = error;
    }

    private static void checkBits(String requested) {
      if (requested != null && !requested.trim().matches("128|256|512")) {
        throw new IllegalStateException(
            BITS_PROPERTY + ": expected 128, 256 or 512, actual '" + requested + "'");
      }
    }

    private static Choice decide(String forced) {
      if (forced == null) {
        if (PANAMA_PROBLEM == null) {
          return new Choice(Implementation.PANAMA, PANAMA_BITS, "Vector API available");
        }
        return new Choice(Implementation.SCALAR, 32, PANAMA_PROBLEM);
      }
      return switch (forced.trim().toLowerCase(Locale.ROOT)) {
        case "panama" -> new Choice(Implementation.PANAMA, panamaBits(), IMPL_PROPERTY + "=panama");
        case "scalar" -> new Choice(Implementation.SCALAR, 32, IMPL_PROPERTY + "=scalar");
        default -> throw new IllegalStateException(
            IMPL_PROPERTY + ": expected panama or scalar, actual '" + forced + "'");
      };
    }

    private static void log(Choice c) {
      if (c.implementation() == Implementation.SCALAR && PANAMA_PROBLEM != null
          && System.getProperty(IMPL_PROPERTY) == null) {
        LOG.log(System.Logger.Level.WARNING, "Lanes kernels: using the scalar fallback because "
            + PANAMA_PROBLEM + "; for the Vector API kernels, " + FIX + ".");
      } else {
        String bits = System.getProperty(BITS_PROPERTY);
        LOG.log(System.Logger.Level.INFO, "Lanes kernels: " + c.implementation().name().toLowerCase(
            Locale.ROOT) + ", " + c.vectorBits() + "-bit vectors (" + c.reason()
            + (bits != null && c.implementation() == Implementation.PANAMA
                ? ", " + BITS_PROPERTY + "=" + bits.trim() : "") + ")");
      }
    }

    /** {chosen bits, preferred bits}, read from the Panama constants without linking them here. */
    private static int[] probe() throws ReflectiveOperationException {
      Class<?> constants = Class.forName("dev.lanes.kernels.panama.PanamaVectorConstants");
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodType intType = MethodType.methodType(int.class);
      try {
        int chosen = (int) lookup.findStatic(constants, "bits", intType).invokeExact();
        int preferred = (int) lookup.findStatic(constants, "preferredBits", intType).invokeExact();
        return new int[] {chosen, preferred};
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }
}
