package dev.lanes.lenet.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular files of a POSIX (ustar) tar stream, as npm packs them: 512-byte headers, each
 * followed by the content padded to 512 bytes; a ustar prefix or a pax {@code path} record extends the
 * name. Directories, links and other entries are skipped. Header checksums are verified, so a stream
 * that is not a tar fails at its first header.
 */
final class TarReader {
  private static final int BLOCK = 512;

  private final InputStream in;
  private final String source;
  private final byte[] header = new byte[BLOCK];
  private long remaining;
  private long padding;

  TarReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  /** Advances to the next regular file and returns its path, or null at the end of the archive. */
  String nextFile() throws IOException {
    in.skipNBytes(remaining + padding);
    remaining = 0;
    padding = 0;
    String paxPath = null;
    while (true) {
      int n = in.readNBytes(header, 0, BLOCK);
      if (n == 0 || (n == BLOCK && allZero(header))) {
        return null;
      }
      if (n < BLOCK) {
        throw new MnistFormatException(source, "a 512-byte tar header", n + " bytes (truncated)");
      }
      verifyChecksum();
      long size = octal(124, 12);
      byte type = header[156];
      if (type == '0' || type == 0) {
        remaining = size;
        padding = paddingOf(size);
        return paxPath != null ? paxPath : ustarName();
      }
      if (type == 'x') {
        String path = paxPath(new String(readFully(size), StandardCharsets.UTF_8));
        paxPath = path != null ? path : paxPath;
        in.skipNBytes(paddingOf(size));
      } else {
        in.skipNBytes(size + paddingOf(size));
        paxPath = null;
      }
    }
  }

  /** Content of the current file; reading past it returns -1. Closing it leaves the archive open. */
  InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int b = in.read();
        if (b < 0) {
          throw truncated();
        }
        remaining--;
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw truncated();
        }
        remaining -= n;
        return n;
      }
    };
  }

  private EOFException truncated() {
    return new EOFException(source + ": tar entry truncated, " + remaining + " bytes missing");
  }

  private byte[] readFully(long size) throws IOException {
    if (size > 1 << 20) {
      throw new MnistFormatException(source, "a pax header under 1 MiB", size + " bytes");
    }
    byte[] bytes = in.readNBytes((int) size);
    if (bytes.length < size) {
      throw new EOFException(source + ": pax header truncated");
    }
    return bytes;
  }

  /** The value of the {@code path} record in pax records "LENGTH path=VALUE\n", or null. */
  private static String paxPath(String records) {
    for (String record : records.split("\n")) {
      int eq = record.indexOf('=');
      int space = record.indexOf(' ');
      if (space >= 0 && eq > space && record.substring(space + 1, eq).equals("path")) {
        return record.substring(eq + 1);
      }
    }
    return null;
  }

  private String ustarName() {
    String name = string(0, 100);
    boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? string(345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private void verifyChecksum() throws MnistFormatException {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      // the checksum field itself counts as eight spaces
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xFF;
    }
    long stored = octal(148, 8);
    if (sum != stored) {
      throw new MnistFormatException(source, "a tar header with checksum " + stored, "checksum " + sum);
    }
  }

  private long octal(int off, int len) throws MnistFormatException {
    long value = 0;
    int i = off;
    while (i < off + len && header[i] == ' ') {
      i++;
    }
    for (; i < off + len && header[i] != 0 && header[i] != ' '; i++) {
      if (header[i] < '0' || header[i] > '7') {
        throw new MnistFormatException(source, "an octal tar header field", "byte " + header[i]);
      }
      value = value * 8 + (header[i] - '0');
    }
    return value;
  }

  private String string(int off, int len) {
    int end = off;
    while (end < off + len && header[end] != 0) {
      end++;
    }
    return new String(header, off, end - off, StandardCharsets.UTF_8);
  }

  private static long paddingOf(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
