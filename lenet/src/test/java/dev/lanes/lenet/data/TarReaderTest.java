package dev.lanes.lenet.data;

import static dev.lanes.lenet.data.IdxFixtures.TarEntry.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.lenet.data.IdxFixtures.TarEntry;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class TarReaderTest {
  private static final String LONG_DIR = "package/" + "d".repeat(120);

  @Test
  void readsFilesSkipsOthersAndEndsAtZeroBlocks() throws IOException {
    byte[] big = new byte[1300];
    Arrays.fill(big, (byte) 7);
    TarReader tar = reader(IdxFixtures.tgz(
        new TarEntry("package/", new byte[0], '5', false),
        file("package/a.txt", "hello".getBytes(StandardCharsets.US_ASCII)),
        file(LONG_DIR + "/long-name", big),
        new TarEntry("package/data/" + "x".repeat(150), new byte[] {1, 2, 3}, '0', true),
        file("package/empty", new byte[0])));
    assertEquals("package/a.txt", tar.nextFile());
    assertEquals("hello", new String(tar.content().readAllBytes(), StandardCharsets.US_ASCII));
    assertEquals(LONG_DIR + "/long-name", tar.nextFile());
    assertEquals(7, tar.content().read());
    assertEquals("package/data/" + "x".repeat(150), tar.nextFile(), "a partly read entry is skipped");
    assertArrayEquals(new byte[] {1, 2, 3}, tar.content().readAllBytes());
    assertEquals(-1, tar.content().read());
    assertEquals("package/empty", tar.nextFile());
    assertEquals(-1, tar.content().read());
    assertNull(tar.nextFile());
  }

  @Test
  void truncatedEntryIsAnError() throws IOException {
    byte[] tar = ungzip(IdxFixtures.tgz(file("f", new byte[2000])));
    TarReader reader = new TarReader(new ByteArrayInputStream(Arrays.copyOf(tar, 512 + 1000)), "t.tgz");
    assertEquals("f", reader.nextFile());
    EOFException e = assertThrows(EOFException.class, () -> reader.content().readAllBytes());
    assertEquals("t.tgz: tar entry truncated, 1000 bytes missing", e.getMessage());
  }

  @Test
  void notATarFailsAtTheChecksum() {
    byte[] junk = new byte[512];
    Arrays.fill(junk, (byte) '1');
    TarReader reader = new TarReader(new ByteArrayInputStream(junk), "junk");
    String message = assertThrows(MnistFormatException.class, reader::nextFile).getMessage();
    assertTrue(message.startsWith("junk: expected a tar header with checksum "), message);
  }

  private static TarReader reader(byte[] tgz) throws IOException {
    return new TarReader(new GZIPInputStream(new ByteArrayInputStream(tgz)), "test.tgz");
  }

  private static byte[] ungzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
