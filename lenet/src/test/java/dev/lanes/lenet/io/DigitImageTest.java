package dev.lanes.lenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitImageTest {
  @TempDir Path dir;

  @Test
  void grayLevelsBecomeValuesInZeroToOne() throws IOException {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(3, 2, 0, 255);
    image.getRaster().setSample(27, 27, 0, 51);
    Path file = png(image, "digit.png");
    float[] pixels = DigitImage.read(file, false);
    assertEquals(784, pixels.length);
    assertEquals(1f, pixels[2 * 28 + 3], 1e-6f);
    assertEquals(0.2f, pixels[27 * 28 + 27], 1e-6f);
    assertEquals(0f, pixels[0]);
    float[] inverted = DigitImage.read(file, true);
    assertEquals(0f, inverted[2 * 28 + 3], 1e-6f);
    assertEquals(1f, inverted[0], 1e-6f);
  }

  @Test
  void transparentPixelsAreBackground() throws IOException {
    Path file = png(new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB), "clear.png");
    assertEquals(0f, DigitImage.read(file, false)[5]);
    assertEquals(0f, DigitImage.read(file, true)[5]);
  }

  @Test
  void otherSizesAreRefusedWithTheSize() throws IOException {
    Path file = png(new BufferedImage(32, 30, BufferedImage.TYPE_BYTE_GRAY), "big.png");
    IOException e = assertThrows(IOException.class, () -> DigitImage.read(file, false));
    assertEquals(file + ": expected a 28x28 image, actual 32x30", e.getMessage());
  }

  @Test
  void otherFilesAreRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("text.png"), "not an image");
    IOException e = assertThrows(IOException.class, () -> DigitImage.read(file, false));
    assertEquals(file + ": not an image (expected a PNG)", e.getMessage());
  }

  private Path png(BufferedImage image, String name) throws IOException {
    Path file = dir.resolve(name);
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
