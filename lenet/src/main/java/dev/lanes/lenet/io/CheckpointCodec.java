package dev.lanes.lenet.io;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The checkpoint file format, version 1. All numbers little-endian.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "LANESCK1" (ASCII)
 *      8     4  format version (int32)
 *     12     8  payload length P (int64)
 *     20     P  payload
 *   20+P     4  CRC32 of bytes [0, 20+P): header and payload
 *
 * payload: int32 n, n x (string key, string value)                      metadata
 *          int32 t, t x (string name, int32 rank, rank x int32 dim,     tensors
 *                        product(dims) x float32 values, row-major)
 * string:  int32 byte count, UTF-8 bytes
 * </pre>
 *
 * A reader checks, in this order: the magic, the version, that the file is exactly as long as the
 * header says, the CRC, and then every count and length in the payload against the bytes left.
 */
final class CheckpointCodec {
  private CheckpointCodec() {}

  static final byte[] MAGIC = "LANESCK1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + Long.BYTES;
  static final int TRAILER_BYTES = Integer.BYTES;
  /** Larger files are refused before reading: a LeNet checkpoint is a few hundred KiB. */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  static byte[] encode(Checkpoint checkpoint) {
    List<byte[]> strings = new ArrayList<>();
    long payload = Integer.BYTES;
    for (Map.Entry<String, String> e : checkpoint.metadata().entrySet()) {
      payload += string(strings, e.getKey()) + string(strings, e.getValue());
    }
    payload += Integer.BYTES;
    for (NamedTensor t : checkpoint.tensors()) {
      payload += string(strings, t.name()) + Integer.BYTES
          + (long) Integer.BYTES * t.shape().length + (long) Float.BYTES * t.size();
    }
    long total = HEADER_BYTES + payload + TRAILER_BYTES;
    if (total > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          "checkpoint: expected at most " + MAX_FILE_BYTES + " bytes, actual " + total);
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).putInt(Checkpoint.FORMAT_VERSION).putLong(payload);
    int next = 0;
    out.putInt(checkpoint.metadata().size());
    for (int i = 0; i < checkpoint.metadata().size(); i++) {
      putString(out, strings.get(next++));
      putString(out, strings.get(next++));
    }
    out.putInt(checkpoint.tensors().size());
    for (NamedTensor t : checkpoint.tensors()) {
      putString(out, strings.get(next++));
      int[] shape = t.shape();
      out.putInt(shape.length);
      for (int dim : shape) {
        out.putInt(dim);
      }
      out.asFloatBuffer().put(t.data());
      out.position(out.position() + Float.BYTES * t.size());
    }
    out.putInt((int) crc(out.array(), out.position()));
    return out.array();
  }

  static Checkpoint decode(Path file) throws IOException {
    long fileBytes = Files.size(file);
    if (fileBytes > MAX_FILE_BYTES) {
      throw new CheckpointFormatException(file, "expected at most " + MAX_FILE_BYTES + " bytes, actual "
          + fileBytes);
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    checkHeader(file, in, bytes.length);
    try {
      return payload(file, in, bytes.length - TRAILER_BYTES);
    } catch (BufferUnderflowException e) {
      throw new CheckpointFormatException(file, "corrupt: a field runs past the end of the payload");
    }
  }

  private static void checkHeader(Path file, ByteBuffer in, int length) throws CheckpointFormatException {
    byte[] head = Arrays.copyOf(in.array(), Math.min(length, MAGIC.length));
    if (!Arrays.equals(head, Arrays.copyOf(MAGIC, head.length))) {
      throw new CheckpointFormatException(file,
          "not a Lanes checkpoint: expected magic \"LANESCK1\", actual " + printable(head));
    }
    if (length < HEADER_BYTES + TRAILER_BYTES) {
      throw new CheckpointFormatException(file, "truncated: expected at least "
          + (HEADER_BYTES + TRAILER_BYTES) + " bytes, actual " + length);
    }
    in.position(MAGIC.length);
    int version = in.getInt();
    if (version != Checkpoint.FORMAT_VERSION) {
      throw new CheckpointFormatException(file, "unsupported format version: expected "
          + Checkpoint.FORMAT_VERSION + ", actual " + version);
    }
    long payload = in.getLong();
    long expected = payload < 0 || payload > MAX_FILE_BYTES ? -1 : HEADER_BYTES + payload + TRAILER_BYTES;
    if (expected < 0) {
      throw new CheckpointFormatException(file, "corrupt: payload length " + payload);
    }
    if (length < expected) {
      throw new CheckpointFormatException(file, "truncated: expected " + expected + " bytes, actual "
          + length);
    }
    if (length > expected) {
      throw new CheckpointFormatException(file, "trailing data: expected " + expected + " bytes, actual "
          + length);
    }
    long stored = Integer.toUnsignedLong(in.getInt(length - TRAILER_BYTES));
    long actual = crc(in.array(), length - TRAILER_BYTES);
    if (stored != actual) {
      throw new CheckpointFormatException(file, String.format(
          "corrupt: CRC32 mismatch (stored %08x, computed %08x)", stored, actual));
    }
  }

  private static Checkpoint payload(Path file, ByteBuffer in, int end) throws CheckpointFormatException {
    in.limit(end);
    int entries = count(file, in, "metadata entries", 2 * Integer.BYTES);
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = 0; i < entries; i++) {
      String key = string(file, in);
      if (metadata.put(key, string(file, in)) != null) {
        throw new CheckpointFormatException(file, "corrupt: metadata key '" + key + "' twice");
      }
    }
    int tensorCount = count(file, in, "tensors", 2 * Integer.BYTES);
    List<NamedTensor> tensors = new ArrayList<>(tensorCount);
    for (int i = 0; i < tensorCount; i++) {
      String name = string(file, in);
      int rank = count(file, in, "dimensions of " + name, Integer.BYTES);
      int[] shape = new int[rank];
      for (int d = 0; d < rank; d++) {
        shape[d] = in.getInt();
      }
      long size;
      try {
        size = NamedTensor.elementCount(name, shape);
      } catch (IllegalArgumentException e) {
        throw new CheckpointFormatException(file, "corrupt: " + e.getMessage());
      }
      if (size > in.remaining() / Float.BYTES) {
        throw new CheckpointFormatException(file, "corrupt: tensor " + name + " " + Arrays.toString(shape)
            + " needs " + size * Float.BYTES + " bytes, " + in.remaining() + " left");
      }
      float[] data = new float[(int) size];
      in.asFloatBuffer().get(data);
      in.position(in.position() + Float.BYTES * data.length);
      try {
        tensors.add(new NamedTensor(name, shape, data));
      } catch (IllegalArgumentException e) {
        throw new CheckpointFormatException(file, "corrupt: " + e.getMessage());
      }
    }
    if (in.hasRemaining()) {
      throw new CheckpointFormatException(file, "corrupt: " + in.remaining()
          + " bytes after the last tensor");
    }
    try {
      return new Checkpoint(metadata, tensors);
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException(file, "corrupt: " + e.getMessage());
    }
  }

  /** Reads a count and checks that that many items of at least {@code minItemBytes} fit in what is left. */
  private static int count(Path file, ByteBuffer in, String what, int minItemBytes)
      throws CheckpointFormatException {
    int n = in.getInt();
    if (n < 0 || n > in.remaining() / minItemBytes) {
      throw new CheckpointFormatException(file, "corrupt: " + n + " " + what + " with " + in.remaining()
          + " bytes left");
    }
    return n;
  }

  private static String string(Path file, ByteBuffer in) throws CheckpointFormatException {
    int n = count(file, in, "string bytes", 1);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes(in, n)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CheckpointFormatException(file, "corrupt: a string is not valid UTF-8");
    }
  }

  private static byte[] bytes(ByteBuffer in, int n) {
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  /** Encodes {@code s}, keeps it for the write pass, and returns its size on file. */
  private static long string(List<byte[]> strings, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    strings.add(utf8);
    return Integer.BYTES + (long) utf8.length;
  }

  private static void putString(ByteBuffer out, byte[] utf8) {
    out.putInt(utf8.length).put(utf8);
  }

  private static long crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  private static String printable(byte[] b) {
    StringBuilder s = new StringBuilder("\"");
    for (byte c : b) {
      s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c & 0xff));
    }
    return s.append('"').toString();
  }
}
