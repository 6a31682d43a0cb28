package dev.lanes.lenet.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads a handwritten digit from an image file (PNG, or any format ImageIO reads) as the model's input:
 * 28 x 28 values in [0, 1], row-major, in MNIST's convention of light ink (1) on a dark background (0).
 */
public final class DigitImage {
  private DigitImage() {}

  /** Width and height of an MNIST image. */
  public static final int SIDE = 28;

  /**
   * Reads a 28x28 image. Gray images are read as stored; colour is reduced to luminance (ITU-R BT.601
   * weights). {@code invert} maps dark ink on a light background to MNIST's convention. Transparent
   * pixels are background: composited on black, or on white when inverting.
   *
   * @return {@code SIDE * SIDE} values in [0, 1]
   * @throws IOException naming the file when it cannot be read, is not an image, or is another size
   */
  public static float[] read(Path file, boolean invert) throws IOException {
    BufferedImage image;
    try (InputStream in = Files.newInputStream(file)) {
      image = ImageIO.read(in);
    }
    if (image == null) {
      throw new IOException(file + ": not an image (expected a PNG)");
    }
    if (image.getWidth() != SIDE || image.getHeight() != SIDE) {
      throw new IOException(file + ": expected a " + SIDE + "x" + SIDE + " image, actual "
          + image.getWidth() + "x" + image.getHeight());
    }
    boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(image.getColorModel() instanceof IndexColorModel);
    float[] pixels = new float[SIDE * SIDE];
    double background = invert ? 1 : 0;
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        double[] levelAndAlpha = gray ? graySample(image, x, y) : rgbSample(image.getRGB(x, y));
        double alpha = levelAndAlpha[1];
        double value = alpha * levelAndAlpha[0] + (1 - alpha) * background;
        pixels[y * SIDE + x] = (float) (invert ? 1 - value : value);
      }
    }
    return pixels;
  }

  /**
   * Gray images are read from their samples: getRGB would convert their linear gray to sRGB and turn
   * an 8-bit 51 into 0.49 instead of 0.2.
   */
  private static double[] graySample(BufferedImage image, int x, int y) {
    ColorModel model = image.getColorModel();
    Raster raster = image.getRaster();
    double level = raster.getSample(x, y, 0) / maxSample(model, 0);
    double alpha = model.hasAlpha() ? raster.getSample(x, y, 1) / maxSample(model, 1) : 1;
    return new double[] {level, alpha};
  }

  private static double maxSample(ColorModel model, int component) {
    return (1L << model.getComponentSize(component)) - 1;
  }

  private static double[] rgbSample(int argb) {
    double luminance = 0.299 * (argb >> 16 & 0xff) + 0.587 * (argb >> 8 & 0xff) + 0.114 * (argb & 0xff);
    return new double[] {luminance / 255, (argb >>> 24) / 255.0};
  }
}
