package dev.lanes.lenet.data;

import static dev.lanes.lenet.data.IdxFixtures.gzip;
import static dev.lanes.lenet.data.IdxFixtures.images;
import static dev.lanes.lenet.data.IdxFixtures.labels;
import static dev.lanes.lenet.data.IdxFixtures.withInt;
import static dev.lanes.lenet.data.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsRawImagesAndLabels() throws IOException {
    byte[] content = images(3, 28, 28, 7);
    MnistSet set = IdxReader.readSet(write(dir, "imgs", content), write(dir, "lbls", labels(3, 9, 0)));
    assertEquals(3, set.count());
    assertEquals(28, set.rows());
    assertEquals(28, set.cols());
    assertEquals(9, set.label(1));
    assertEquals(255, set.images().pixel(0, 0, 0));
    assertEquals(content[16 + 784 * 2 + 28 * 3 + 5] & 0xFF, set.images().pixel(2, 3, 5));
  }

  @Test
  void fillBatchScalesPixelsInIndexOrder() throws IOException {
    byte[] content = images(4, 2, 3, 11);
    IdxImages images = IdxReader.readImages(write(dir, "imgs", content));
    float[] out = new float[1 + 2 * 6];
    out[0] = -1;
    images.fillBatch(new int[] {9, 3, 0, 9}, 1, 2, out, 1);
    assertEquals(-1, out[0]);
    for (int p = 0; p < 6; p++) {
      assertEquals((content[16 + 3 * 6 + p] & 0xFF) / 255f, out[1 + p]);
      assertEquals((content[16 + p] & 0xFF) / 255f, out[7 + p]);
    }
    assertEquals(1f, out[7]);
    assertEquals(0f, out[8]);
  }

  @Test
  void fillLabelsInIndexOrder() throws IOException {
    MnistSet set = IdxReader.readSet(
        write(dir, "imgs", images(3, 1, 1, 1)), write(dir, "lbls", labels(4, 5, 6)));
    int[] out = new int[4];
    set.fillLabels(new int[] {2, 0, 1}, 0, 3, out, 1);
    assertArrayEquals(new int[] {0, 6, 4, 5}, out);
  }

  @Test
  void badBatchArgumentsWriteNothing() throws IOException {
    MnistSet set = IdxReader.readSet(
        write(dir, "imgs", images(3, 2, 2, 1)), write(dir, "lbls", labels(1, 2, 3)));
    float[] out = new float[8];
    Arrays.fill(out, -1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> set.fillBatch(new int[] {0, 3}, 0, 2, out, 0));
    assertEquals("indices[1]: expected in [0, 3), actual 3", e.getMessage());
    float[] untouched = new float[8];
    Arrays.fill(untouched, -1);
    assertArrayEquals(untouched, out);
    e = assertThrows(IllegalArgumentException.class, () -> set.fillBatch(new int[] {0, 1}, 0, 2, out, 1));
    assertTrue(e.getMessage().startsWith("out: expected offset >= 0 and length >= offset + 8"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> set.fillLabels(new int[] {0}, 0, 2, new int[2], 0));
    assertThrows(IllegalArgumentException.class, () -> set.fillLabels(new int[] {0}, 0, 1, null, 0));
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    byte[] content = images(2, 28, 28, 3);
    Path gzNamedPlain = write(dir, "imgs", gzip(content));
    Path plainNamedGz = write(dir, "imgs2.gz", content);
    assertEquals(2, IdxReader.readImages(gzNamedPlain).count());
    assertEquals(2, IdxReader.readImages(plainNamedGz).count());
    assertEquals(IdxReader.readImages(gzNamedPlain).pixel(1, 27, 27),
        IdxReader.readImages(plainNamedGz).pixel(1, 27, 27));
  }

  @Test
  void reportsAnyImageSize() throws IOException {
    IdxImages images = IdxReader.readImages(write(dir, "imgs", images(2, 5, 7, 3)));
    assertEquals(5, images.rows());
    assertEquals(7, images.cols());
  }

  @Test
  void wrongMagicNamesBoth() throws IOException {
    Path file = write(dir, "imgs", labels(1, 2));
    assertEquals(file + ": expected magic 0x00000803 (unsigned-byte images: count, rows, cols),"
        + " found 0x00000801 (a labels file)", failure(() -> IdxReader.readImages(file)));
    Path other = write(dir, "lbls", withInt(labels(1), 0, 0x00000802));
    assertEquals(other + ": expected magic 0x00000801 (unsigned-byte labels: count), found 0x00000802",
        failure(() -> IdxReader.readLabels(other)));
  }

  @Test
  void wrongDimensions() throws IOException {
    Path zeroRows = write(dir, "imgs", withInt(images(1, 28, 28, 1), 8, 0));
    assertEquals(zeroRows + ": expected count >= 0, rows >= 1, cols >= 1, rows x cols < 2^31,"
        + " found count 1, rows 0, cols 28", failure(() -> IdxReader.readImages(zeroRows)));
    Path negativeCount = write(dir, "imgs", withInt(images(1, 28, 28, 1), 4, -1));
    assertTrue(failure(() -> IdxReader.readImages(negativeCount)).endsWith("count -1, rows 28, cols 28"));
    Path huge = write(dir, "imgs", withInt(withInt(images(1, 28, 28, 1), 8, 1 << 16), 12, 1 << 16));
    assertTrue(failure(() -> IdxReader.readImages(huge)).endsWith("rows 65536, cols 65536"));
  }

  @Test
  void truncatedHeader() throws IOException {
    Path file = write(dir, "imgs", Arrays.copyOf(images(1, 2, 2, 1), 10));
    assertEquals(file + ": expected a header of 16 bytes (unsigned-byte images: count, rows, cols),"
        + " found 10 bytes in all", failure(() -> IdxReader.readImages(file)));
  }

  @Test
  void truncatedPayload() throws IOException {
    byte[] content = images(3, 28, 28, 1);
    Path file = write(dir, "imgs", Arrays.copyOf(content, content.length - 1));
    assertEquals(file + ": expected 16 + 3 x 28 x 28 = 2368 bytes, found 2367 bytes (truncated)",
        failure(() -> IdxReader.readImages(file)));
  }

  @Test
  void trailingBytes() throws IOException {
    byte[] content = labels(1, 2, 3);
    Path file = write(dir, "lbls", Arrays.copyOf(content, content.length + 2));
    assertEquals(file + ": expected 8 + 3 = 11 bytes, found 13 bytes (2 trailing bytes)",
        failure(() -> IdxReader.readLabels(file)));
  }

  @Test
  void truncatedGzip() throws IOException {
    byte[] gz = gzip(images(3, 28, 28, 1));
    Path file = write(dir, "imgs.gz", Arrays.copyOf(gz, gz.length - 20));
    String message = failure(() -> IdxReader.readImages(file));
    assertTrue(message.startsWith(file + ": expected a complete gzip stream, found "), message);
  }

  @Test
  void labelOutOfRange() throws IOException {
    Path file = write(dir, "lbls", labels(0, 9, 10, 3));
    assertEquals(file + ": expected labels in 0..9, found label 10 at index 2",
        failure(() -> IdxReader.readLabels(file)));
  }

  @Test
  void countMismatch() throws IOException {
    Path images = write(dir, "imgs", images(3, 28, 28, 1));
    Path labels = write(dir, "lbls", labels(1, 2));
    assertEquals(labels + ": expected 3 labels (one per image in " + images + "), found 2 labels",
        failure(() -> IdxReader.readSet(images, labels)));
  }

  private interface Read {
    void run() throws IOException;
  }

  private static String failure(Read read) {
    return assertThrows(MnistFormatException.class, read::run).getMessage();
  }
}
