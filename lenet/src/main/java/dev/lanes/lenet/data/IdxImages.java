package dev.lanes.lenet.data;

/**
 * Images of an IDX file: {@code count} images of {@code rows x cols} unsigned-byte pixels, row-major.
 * Read with {@link IdxReader#readImages}; immutable.
 */
public final class IdxImages {
  /** b / 255f for every pixel value b: a lookup gives the very floats the division would. */
  private static final float[] SCALED = new float[256];

  static {
    for (int b = 0; b < 256; b++) {
      SCALED[b] = b / 255f;
    }
  }

  // The pixels stay in the file's array after its header: no second copy of 47 MB of training images.
  private final byte[] data;
  private final int offset;
  private final int count;
  private final int rows;
  private final int cols;

  IdxImages(byte[] data, int offset, int count, int rows, int cols) {
    this.data = data;
    this.offset = offset;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
  }

  public int count() {
    return count;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Pixel (row, col) of an image, 0..255. */
  public int pixel(int image, int row, int col) {
    if (image < 0 || image >= count || row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException("pixel: expected image < " + count + ", row < " + rows
          + ", col < " + cols + ", actual (" + image + ", " + row + ", " + col + ")");
    }
    return data[offset + (image * rows + row) * cols + col] & 0xFF;
  }

  /**
   * Writes images {@code indices[from .. from + count)}, each pixel scaled to {@code pixel / 255f}, to
   * out from outOff: count x rows x cols floats, i.e. an NCHW batch with one channel. Allocates nothing.
   */
  public void fillBatch(int[] indices, int from, int count, float[] out, int outOff) {
    int size = rows * cols;
    BatchChecks.indices(indices, from, count, this.count);
    BatchChecks.span("out", out == null, out == null ? 0 : out.length, outOff, (long) count * size);
    for (int k = 0; k < count; k++) {
      int src = offset + indices[from + k] * size;
      int dst = outOff + k * size;
      for (int p = 0; p < size; p++) {
        out[dst + p] = SCALED[data[src + p] & 0xFF];
      }
    }
  }
}
