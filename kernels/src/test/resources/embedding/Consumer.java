import dev.lanes.kernels.BatchNorm;
import dev.lanes.kernels.BatchNormParams;
import dev.lanes.kernels.KernelContext;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.TensorShape;
import java.util.Random;

/** A minimal embedder: one batch-norm forward training step, printed for comparison. */
public class Consumer {
  public static void main(String[] args) {
    TensorShape shape = new TensorShape(8, 6, 12, 12, Layout.NCHW);
    Random random = new Random(42);
    float[] x = new float[shape.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (3 + 2 * random.nextGaussian());
    }
    float[] y = new float[x.length];
    float[] runningMean = new float[shape.c()];
    float[] runningVar = new float[shape.c()];
    java.util.Arrays.fill(runningVar, 1f);
    double[] savedMean = new double[shape.c()];
    double[] savedInvStd = new double[shape.c()];
    try (KernelContext ctx = new KernelContext(2)) {
      BatchNorm bn = Kernels.batchNorm(ctx);
      bn.forwardTraining(shape, x, 0, null, null, runningMean, runningVar, BatchNormParams.keras(),
          y, 0, savedMean, savedInvStd);
      System.out.println("implementation " + Kernels.implementation() + " " + Kernels.vectorBits());
      for (float v : y) {
        System.out.println(v);
      }
      for (int c = 0; c < shape.c(); c++) {
        System.out.println(runningMean[c]);
        System.out.println(runningVar[c]);
      }
    }
  }
}
