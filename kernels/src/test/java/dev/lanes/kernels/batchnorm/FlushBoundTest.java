package dev.lanes.kernels.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.BatchNorm;
import dev.lanes.kernels.BatchNormParams;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.TensorShape;
import dev.lanes.kernels.internal.Periods;
import dev.lanes.kernels.internal.Workspace;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No sums or backward-sums call adds more than {@link BlockedBatchNorm#FLUSH} values to one pattern
 * slot (a run of len values adds ceil(len / L) to slot 0; with a run pattern, each plane's sums are
 * formed on their own, so the bound holds per plane): checked by loops that record every call,
 * with the slots of a 16-lane implementation, over NCHW planes that are not whole vectors (in cache,
 * many rows a call; streamed, two rows a call for the backward sums), planes longer than FLUSH
 * vectors, in-cache backward sums through run patterns (17 vectors a plane: 15 images a call, 255
 * values a slot), in-cache backward sums through runs of four vectors (planes of two runs: 64 images a
 * call, then 6), and over NHWC tensors past {@link BlockedBatchNorm#PAST_CACHE}: with 256 channels the
 * statistics take a block's four quarters in one call, with 112 (a pattern shorter than
 * BLOCK / FLUSH) a block as one run.
 */
class FlushBoundTest {
  private static final int LANES = 16;

  @ParameterizedTest(name = "{0} x {1} x {2} x {3} {4}, quarters {5}")
  @CsvSource({"1024, 1, 17, 1, NCHW, false", "300, 2, 4, 5, NCHW, false",
      "2, 3, 701, 511, NCHW, false", "3, 900, 28, 28, NCHW, false", "5, 2, 33, 40, NCHW, false",
      "9, 256, 61, 61, NHWC, true", "9, 112, 92, 92, NHWC, false", "17, 2, 16, 17, NCHW, false",
      "70, 2, 8, 16, NCHW, false"})
  void noCallPassesFlush(int n, int c, int h, int w, Layout layout, boolean quarters) {
    TensorShape s = new TensorShape(n, c, h, w, layout);
    RecordingLoops loops = new RecordingLoops();
    BatchNorm bn = new BlockedBatchNorm(loops, new Workspace(1));
    Random random = new Random(n * 31L + c);
    float[] x = new float[s.size()];
    float[] dy = new float[s.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
      dy[i] = (float) random.nextGaussian();
    }
    float[] gamma = new float[c];
    float[] beta = new float[c];
    float[] runningMean = new float[c];
    float[] runningVar = new float[c];
    double[] mean = new double[c];
    double[] invStd = new double[c];
    float[] out = new float[s.size()];
    BatchNormParams p = BatchNormParams.keras();
    bn.forwardTraining(s, x, 0, gamma, beta, runningMean, runningVar, p, out, 0, mean, invStd);
    bn.backward(s, x, 0, dy, 0, gamma, beta, mean, invStd, p, out, 0, new float[c], new float[c]);
    assertTrue(loops.calls > 0, "no sums call recorded for " + s);
    if (layout == Layout.NHWC) {
      assertEquals(quarters, loops.fourRowSums > 0, s + ": sums calls over four rows");
    }
  }

  /** The scalar loops with a 16-lane pattern period, asserting the bound on every call. */
  private static final class RecordingLoops implements BatchNormLoops {
    private final ScalarBatchNormLoops scalar = new ScalarBatchNormLoops();
    private int calls;
    private int fourRowSums;

    @Override
    public int patternLength(int channels) {
      return Periods.period(channels, LANES);
    }

    @Override
    public int quadRun() {
      return 4 * LANES;
    }

    @Override
    public String describe() {
      return "recording";
    }

    @Override
    public void sums(float[] x, int off, int rows, int stride, int len, Pattern p, float[] work) {
      // a run pattern's slot takes run / width values of each plane, and each plane's sums are formed
      // on their own before they are added (see BatchNormLoops)
      check("sums", p.run > 1 ? p.run / p.width : rows * slotValues(len, p), rows, len);
      if (p.run == 1 && rows == 4) {
        fourRowSums++;
      }
      scalar.sums(x, off, rows, stride, len, p, work);
    }

    @Override
    public void normalize(float[] x, int xOff, float[] y, int yOff, int rows, int stride, int len,
        Pattern p, Activation act) {
      scalar.normalize(x, xOff, y, yOff, rows, stride, len, p, act);
    }

    @Override
    public void backwardSums(float[] x, int xOff, float[] dy, int dyOff, int rows, int stride,
        int len, Pattern p, Activation act, float[] work, float[] dz, int dzOff) {
      check("backwardSums", rows * slotValues(len, p), rows, len);
      scalar.backwardSums(x, xOff, dy, dyOff, rows, stride, len, p, act, work, dz, dzOff);
    }

    @Override
    public void backward(float[] x, int xOff, float[] dz, int dzOff, float[] dx, int dxOff,
        int rows, int stride, int len, Pattern p) {
      scalar.backward(x, xOff, dz, dzOff, dx, dxOff, rows, stride, len, p);
    }

    private static int slotValues(int len, Pattern p) {
      return (len + p.length - 1) / p.length;
    }

    private void check(String loop, int perSlot, int rows, int len) {
      calls++;
      assertTrue(perSlot <= BlockedBatchNorm.FLUSH, loop + " over " + rows + " rows of " + len
          + " values adds " + perSlot + " values to a slot, past FLUSH = " + BlockedBatchNorm.FLUSH);
    }
  }
}
