package dev.lanes.lenet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST's IDX files, raw or gzip-compressed (told apart by the gzip magic bytes 1f 8b, not by the
 * file name). Images: magic 0x00000803, then count, rows, cols as big-endian ints, then the pixels.
 * Labels: magic 0x00000801, then count, then one byte per label. Every mismatch (magic, dimensions, a
 * payload shorter or longer than the header says, a label outside 0..9, image and label counts) is a
 * {@link MnistFormatException} naming the file.
 */
public final class IdxReader {
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;
  private static final int IMAGES_HEADER = 16;
  private static final int LABELS_HEADER = 8;

  private IdxReader() {}

  public static IdxImages readImages(Path file) throws IOException {
    return parseImages(file.toString(), content(file));
  }

  /** Images and their labels; both files must hold the same count. */
  public static MnistSet readSet(Path images, Path labels) throws IOException {
    return pair(images.toString(), readImages(images), labels.toString(), readLabels(labels));
  }

  static byte[] readLabels(Path file) throws IOException {
    return parseLabels(file.toString(), content(file));
  }

  /** The file's bytes, decompressed when they start with the gzip magic. */
  static byte[] content(Path file) throws IOException {
    try (InputStream in = uncompressed(file.toString(), Files.newInputStream(file))) {
      return in.readAllBytes();
    } catch (ZipException | EOFException e) {
      throw new MnistFormatException(file.toString(), "a complete gzip stream", e.getMessage(), e);
    }
  }

  /** in itself, or a gunzipping view of it when it starts with 1f 8b. */
  static InputStream uncompressed(String source, InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 != 0x1f || b1 != 0x8b) {
      return buffered;
    }
    try {
      return new GZIPInputStream(buffered, 1 << 16);
    } catch (ZipException | EOFException e) {
      throw new MnistFormatException(source, "a gzip header", e.getMessage(), e);
    }
  }

  static IdxImages parseImages(String source, byte[] content) throws MnistFormatException {
    ByteBuffer header = header(source, content, IMAGES_MAGIC, IMAGES_HEADER,
        "unsigned-byte images: count, rows, cols");
    int count = header.getInt(4);
    int rows = header.getInt(8);
    int cols = header.getInt(12);
    // rows * cols below 2^31 keeps count * rows * cols (count < 2^31) within a long
    if (count < 0 || rows <= 0 || cols <= 0 || (long) rows * cols > Integer.MAX_VALUE) {
      throw new MnistFormatException(source, "count >= 0, rows >= 1, cols >= 1, rows x cols < 2^31",
          "count " + count + ", rows " + rows + ", cols " + cols);
    }
    payload(source, content, IMAGES_HEADER, (long) count * rows * cols,
        count + " x " + rows + " x " + cols);
    return new IdxImages(content, IMAGES_HEADER, count, rows, cols);
  }

  static byte[] parseLabels(String source, byte[] content) throws MnistFormatException {
    ByteBuffer header = header(source, content, LABELS_MAGIC, LABELS_HEADER,
        "unsigned-byte labels: count");
    int count = header.getInt(4);
    if (count < 0) {
      throw new MnistFormatException(source, "count >= 0", "count " + count);
    }
    payload(source, content, LABELS_HEADER, count, String.valueOf(count));
    for (int i = LABELS_HEADER; i < content.length; i++) {
      if ((content[i] & 0xFF) > 9) {
        throw new MnistFormatException(source, "labels in 0..9",
            "label " + (content[i] & 0xFF) + " at index " + (i - LABELS_HEADER));
      }
    }
    return Arrays.copyOfRange(content, LABELS_HEADER, content.length);
  }

  static MnistSet pair(String imagesSource, IdxImages images, String labelsSource, byte[] labels)
      throws MnistFormatException {
    if (labels.length != images.count()) {
      throw new MnistFormatException(labelsSource,
          images.count() + " labels (one per image in " + imagesSource + ")", labels.length + " labels");
    }
    return new MnistSet(images, labels);
  }

  private static ByteBuffer header(String source, byte[] content, int magic, int length, String kind)
      throws MnistFormatException {
    // the magic first: a short labels file read as images should be reported as a labels file
    ByteBuffer header = ByteBuffer.wrap(content);
    if (content.length >= 4 && header.getInt(0) != magic) {
      int found = header.getInt(0);
      throw new MnistFormatException(source, "magic " + hex(magic) + " (" + kind + ")",
          hex(found) + describe(found));
    }
    if (content.length < length) {
      throw new MnistFormatException(source, "a header of " + length + " bytes (" + kind + ")",
          content.length + " bytes in all");
    }
    return header;
  }

  private static void payload(String source, byte[] content, int headerLength, long payload,
      String dims) throws MnistFormatException {
    long expected = headerLength + payload;
    if (content.length != expected) {
      String what = content.length < expected
          ? "truncated"
          : (content.length - expected) + " trailing bytes";
      throw new MnistFormatException(source,
          headerLength + " + " + dims + " = " + expected + " bytes", content.length + " bytes (" + what + ")");
    }
  }

  private static String hex(int magic) {
    return String.format("0x%08X", magic);
  }

  /** What a wrong magic number is, when it is one of the two MNIST ones. */
  private static String describe(int magic) {
    return switch (magic) {
      case IMAGES_MAGIC -> " (an images file)";
      case LABELS_MAGIC -> " (a labels file)";
      default -> "";
    };
  }
}
