package dev.lanes.lenet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  static Checkpoint sample() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("layout", "nchw");
    metadata.put("epoch", "5");
    metadata.put("folded", "false");
    metadata.put("note", "µ ≠ σ²");
    metadata.put("empty", "");
    float[] weights = new float[6 * 1 * 5 * 5];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) Math.sin(i) * 0.1f;
    }
    return new Checkpoint(metadata, List.of(
        new NamedTensor("conv1.weight", new int[] {6, 1, 5, 5}, weights),
        new NamedTensor("bn1.gamma", new int[] {6}, new float[] {1, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY}),
        new NamedTensor("scalar", new int[] {}, new float[] {3.5f}),
        new NamedTensor("nothing", new int[] {0, 7}, new float[0])));
  }

  @Test
  void roundTripKeepsMetadataOrderTensorsAndBits() throws IOException {
    Path file = dir.resolve("model.ck");
    Checkpoint written = sample();
    written.write(file);
    Checkpoint read = Checkpoint.read(file);
    assertEquals(written, read);
    assertEquals(List.copyOf(written.metadata().keySet()), List.copyOf(read.metadata().keySet()));
    assertEquals(List.of("conv1.weight", "bn1.gamma", "scalar", "nothing"),
        read.tensors().stream().map(NamedTensor::name).toList());
    assertEquals(Float.floatToRawIntBits(-0f),
        Float.floatToRawIntBits(read.tensor("bn1.gamma").orElseThrow().get(1)));
    assertArrayEquals(new int[] {6, 1, 5, 5}, read.tensor("conv1.weight").orElseThrow().shape());
    assertEquals("5", read.get("epoch").orElseThrow());
    assertTrue(read.get("absent").isEmpty());
  }

  @Test
  void writeReplacesAnExistingCheckpointAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("model.ck");
    new Checkpoint(Map.of("epoch", "1"), List.of()).write(file);
    sample().write(file);
    assertEquals(sample(), Checkpoint.read(file));
    assertEquals(List.of(file), listing());
  }

  @Test
  void everyTruncationIsReportedAsTruncated() throws IOException {
    byte[] whole = bytesOf(sample());
    Path file = dir.resolve("cut.ck");
    for (int length = 0; length < whole.length; length++) {
      Files.write(file, Arrays.copyOf(whole, length));
      CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(file));
      assertTrue(e.getMessage().startsWith("checkpoint " + file + ": truncated: expected "),
          "length " + length + ": " + e.getMessage());
      assertEquals(file, e.file());
    }
  }

  @Test
  void everyFlippedByteIsDetected() throws IOException {
    byte[] whole = bytesOf(sample());
    Path file = dir.resolve("flipped.ck");
    for (int i = 0; i < whole.length; i++) {
      byte[] bad = whole.clone();
      bad[i] ^= 0x10;
      Files.write(file, bad);
      CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(file),
          "flipped byte " + i);
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }

  @Test
  void flippedPayloadByteFailsTheChecksum() throws IOException {
    byte[] bad = bytesOf(sample());
    bad[CheckpointCodec.HEADER_BYTES + 10] ^= 1;
    Path file = dir.resolve("bad.ck");
    Files.write(file, bad);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(file));
    assertTrue(e.problem().startsWith("corrupt: CRC32 mismatch"), e.getMessage());
  }

  @Test
  void otherFilesAreNotCheckpoints() throws IOException {
    Path file = dir.resolve("image.png");
    Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(file));
    assertEquals("not a Lanes checkpoint: expected magic \"LANESCK1\", actual \"\\x89PNG\\x0d\\x0a\\x1a\\x0a\"",
        e.problem());
  }

  @Test
  void newerVersionIsRefusedByNumber() throws IOException {
    byte[] bytes = bytesOf(sample());
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(CheckpointCodec.MAGIC.length, 2);
    Path file = dir.resolve("v2.ck");
    Files.write(file, bytes);
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(file));
    assertEquals("unsupported format version: expected 1, actual 2", e.problem());
  }

  @Test
  void trailingBytesAreRefused() throws IOException {
    byte[] whole = bytesOf(sample());
    Path file = dir.resolve("long.ck");
    Files.write(file, Arrays.copyOf(whole, whole.length + 3));
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.read(file));
    assertEquals("trailing data: expected " + whole.length + " bytes, actual " + (whole.length + 3), e.problem());
  }

  @Test
  void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path blocker = Files.createDirectory(dir.resolve("model.ck"));
    Files.writeString(blocker.resolve("inside"), "x");
    IOException e = assertThrows(IOException.class, () -> sample().write(blocker));
    assertTrue(e.getMessage().contains("model.ck"), e.getMessage());
    assertEquals(List.of(blocker), listing());
  }

  @Test
  void writeIntoAMissingDirectoryNamesIt() {
    Path file = dir.resolve("missing").resolve("model.ck");
    IOException e = assertThrows(IOException.class, () -> sample().write(file));
    assertEquals(file + ": directory " + file.getParent() + " does not exist", e.getMessage());
  }

  @Test
  void invalidContentIsRefusedWhenBuilt() {
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> new NamedTensor("w", new int[] {2, 3}, new float[5]));
    assertEquals("w: expected 6 values for shape [2, 3], actual 5", size.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new NamedTensor("w", new int[] {-1}, new float[0]));
    assertThrows(IllegalArgumentException.class, () -> new NamedTensor("", new int[] {1}, new float[1]));
    NamedTensor t = new NamedTensor("w", new int[] {1}, new float[1]);
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(Map.of(), List.of(t, t)));
    assertEquals("tensors: expected distinct names, actual 'w' twice", twice.getMessage());
  }

  @Test
  void tensorsAreCopiedInAndOut() {
    float[] data = {1, 2};
    NamedTensor t = new NamedTensor("w", new int[] {2}, data);
    data[0] = 9;
    t.data()[1] = 9;
    assertArrayEquals(new float[] {1, 2}, t.data());
  }

  private byte[] bytesOf(Checkpoint checkpoint) throws IOException {
    Path file = dir.resolve("whole.ck");
    checkpoint.write(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(file);
    return bytes;
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
