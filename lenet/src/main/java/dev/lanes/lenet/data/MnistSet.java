package dev.lanes.lenet.data;

/** Labelled images: image i shows digit {@link #label(int) label(i)}, in 0..9. Immutable. */
public final class MnistSet {
  private final IdxImages images;
  private final byte[] labels;

  /** images.count() == labels.length and every label in 0..9, as {@link IdxReader} checks. */
  MnistSet(IdxImages images, byte[] labels) {
    this.images = images;
    this.labels = labels;
  }

  public IdxImages images() {
    return images;
  }

  public int count() {
    return labels.length;
  }

  public int rows() {
    return images.rows();
  }

  public int cols() {
    return images.cols();
  }

  public int label(int i) {
    return labels[i];
  }

  /** See {@link IdxImages#fillBatch}: count x rows x cols floats in [0, 1] from outOff. */
  public void fillBatch(int[] indices, int from, int count, float[] out, int outOff) {
    images.fillBatch(indices, from, count, out, outOff);
  }

  /** Writes the labels of images {@code indices[from .. from + count)} to out from outOff. */
  public void fillLabels(int[] indices, int from, int count, int[] out, int outOff) {
    BatchChecks.indices(indices, from, count, labels.length);
    BatchChecks.span("out", out == null, out == null ? 0 : out.length, outOff, count);
    for (int k = 0; k < count; k++) {
      out[outOff + k] = labels[indices[from + k]];
    }
  }
}
