package dev.lanes.lenet.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Small synthetic IDX files, gzip and tar archives for the data tests. */
final class IdxFixtures {
  private IdxFixtures() {}

  /** An images file: count x rows x cols seeded random pixels; pixel 0 of image 0 is 255, pixel 1 is 0. */
  static byte[] images(int count, int rows, int cols, long seed) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
    byte[] pixels = new byte[count * rows * cols];
    new Random(seed).nextBytes(pixels);
    pixels[0] = (byte) 255;
    pixels[1] = 0;
    return b.put(pixels).array();
  }

  static byte[] labels(int... values) {
    ByteBuffer b = ByteBuffer.allocate(8 + values.length);
    b.putInt(IdxReader.LABELS_MAGIC).putInt(values.length);
    for (int v : values) {
      b.put((byte) v);
    }
    return b.array();
  }

  /** content with the big-endian int at offset replaced. */
  static byte[] withInt(byte[] content, int offset, int value) {
    byte[] copy = content.clone();
    ByteBuffer.wrap(copy).putInt(offset, value);
    return copy;
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  /** Four small files standing in for MNIST: 5 training and 3 test images of 28 x 28. */
  static Map<MnistFile, byte[]> fakeMnist() {
    Map<MnistFile, byte[]> files = new EnumMap<>(MnistFile.class);
    files.put(MnistFile.TRAIN_IMAGES, images(5, 28, 28, 1));
    files.put(MnistFile.TRAIN_LABELS, labels(5, 0, 4, 1, 9));
    files.put(MnistFile.TEST_IMAGES, images(3, 28, 28, 2));
    files.put(MnistFile.TEST_LABELS, labels(7, 2, 1));
    return files;
  }

  static Map<MnistFile, String> checksums(Map<MnistFile, byte[]> files) {
    Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
    files.forEach((file, content) -> sums.put(file, Sha256.hex(content)));
    return sums;
  }

  /** A tar entry: a regular file, a directory ('5'), or a file whose name goes in a pax header. */
  record TarEntry(String name, byte[] content, char type, boolean paxName) {
    static TarEntry file(String name, byte[] content) {
      return new TarEntry(name, content, '0', false);
    }
  }

  /** A gzip-compressed ustar archive of the entries, ended by two zero blocks. */
  static byte[] tgz(TarEntry... entries) {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    for (TarEntry e : entries) {
      if (e.paxName()) {
        byte[] record = paxRecord("path", e.name());
        block(tar, header("PaxHeader/x", record.length, 'x', ""), record);
        block(tar, header("ignored-long-name", e.content().length, e.type(), ""), e.content());
      } else {
        int slash = e.name().length() > 100 ? e.name().lastIndexOf('/') : -1;
        String prefix = slash < 0 ? "" : e.name().substring(0, slash);
        String name = slash < 0 ? e.name() : e.name().substring(slash + 1);
        block(tar, header(name, e.content().length, e.type(), prefix), e.content());
      }
    }
    tar.writeBytes(new byte[1024]);
    return gzip(tar.toByteArray());
  }

  static byte[] header(String name, long size, char type, String prefix) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, String.format("%011o", 0));
    h[156] = (byte) type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    put(h, 345, prefix);
    put(h, 148, "        ");
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xFF;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    return h;
  }

  private static void block(ByteArrayOutputStream tar, byte[] header, byte[] content) {
    tar.writeBytes(header);
    tar.writeBytes(content);
    tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
  }

  /** "LENGTH key=value\n", where LENGTH counts the whole record including its own digits. */
  private static byte[] paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int length = body.length();
    while (String.valueOf(length).length() + body.length() != length) {
      length = String.valueOf(length).length() + body.length();
    }
    return (length + body).getBytes(StandardCharsets.UTF_8);
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
