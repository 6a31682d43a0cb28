package dev.lanes.jmh.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.jmh.impl.BatchNormImpl;
import dev.lanes.jmh.impl.BatchNormProblem;
import dev.lanes.jmh.impl.ConvImpl;
import dev.lanes.jmh.impl.ConvProblem;
import dev.lanes.jmh.impl.Impls;
import dev.lanes.jmh.shapes.BatchNormOp;
import dev.lanes.jmh.shapes.BatchNormShape;
import dev.lanes.jmh.shapes.ConvOp;
import dev.lanes.jmh.shapes.ConvShape;
import dev.lanes.jmh.verify.BatchNormCheck;
import dev.lanes.jmh.verify.ConvCheck;
import dev.lanes.reference.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmarks' {@code @Setup} check passes for every implementation on B2, the reference on K1 (both layouts, every pass),
 * without a JMH run, and the checks reject a result that is off in one element.
 */
class BenchSetupTest {

  @ParameterizedTest
  @CsvSource({"reference, NCHW, 1", "reference, NHWC, 1", "scalar, NCHW, 1", "scalar, NHWC, 2",
      "panama, NCHW, 2", "panama, NHWC, 1"})
  void batchNormSetupVerifiesEveryPass(String impl, Layout layout, int threads) {
    BatchNormBench bench = new BatchNormBench();
    bench.shape = "B2";
    bench.layout = layout.name();
    bench.impl = impl;
    bench.threads = threads;
    bench.prepare();
    for (BatchNormOp op : BatchNormOp.values()) {
      bench.verify(op);
    }
    bench.tearDown();
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void convSetupVerifiesEveryPass(Layout layout) {
    ConvBench bench = new ConvBench();
    bench.shape = "K1";
    bench.layout = layout.name();
    bench.impl = "reference";
    bench.threads = 1;
    bench.prepare();
    for (ConvOp op : ConvOp.values()) {
      bench.verify(op);
    }
    bench.tearDown();
  }

  @Test
  void theReferenceIsSingleThreadedAndUnknownImplsAreNamed() {
    BatchNormBench bench = new BatchNormBench();
    bench.shape = "B2";
    bench.layout = "NCHW";
    bench.impl = "reference";
    bench.threads = 2;
    assertTrue(assertThrows(IllegalArgumentException.class, bench::prepare).getMessage().contains("threads"));
    bench.threads = 1;
    bench.impl = "vectorized";
    assertTrue(assertThrows(IllegalArgumentException.class, bench::prepare).getMessage()
        .contains("[reference, scalar, panama]"));
  }

  @Test
  void batchNormCheckRejectsOneWrongElement() {
    BatchNormProblem p = new BatchNormProblem(BatchNormShape.B2.shape(Layout.NHWC), 1);
    BatchNormImpl wrongDx = new BatchNormImpl() {
      final BatchNormImpl ref = Impls.batchNorm("reference", p, 1);

      @Override
      public Object forwardTraining() {
        return ref.forwardTraining();
      }

      @Override
      public Object inference() {
        return ref.inference();
      }

      @Override
      public Object backward() {
        return ref.backward();
      }

      @Override
      public double y(int i) {
        return ref.y(i);
      }

      @Override
      public double dx(int i) {
        return i == 4097 ? ref.dx(i) * 1.01 + 1e-3 : ref.dx(i);
      }

      @Override
      public double dgamma(int c) {
        return ref.dgamma(c);
      }

      @Override
      public double dbeta(int c) {
        return ref.dbeta(c);
      }
    };
    wrongDx.forwardTraining();
    BatchNormCheck.check(BatchNormOp.FORWARD_TRAINING, p, wrongDx);
    wrongDx.backward();
    String message = assertThrows(IllegalStateException.class,
        () -> BatchNormCheck.check(BatchNormOp.BACKWARD, p, wrongDx)).getMessage();
    assertTrue(message.contains("dx[4097]"), message);
  }

  @Test
  void convCheckRejectsAShiftedOutput() {
    ConvProblem p = new ConvProblem(ConvShape.K1.shape(Layout.NCHW), 1);
    ConvImpl ref = Impls.conv("reference", p, 1);
    ConvImpl shifted = new ConvImpl() {
      @Override
      public Object forward() {
        return ref.forward();
      }

      @Override
      public Object backwardData() {
        return ref.backwardData();
      }

      @Override
      public Object backwardWeights() {
        return ref.backwardWeights();
      }

      @Override
      public double y(int i) {
        return ref.y(i + 1 == p.shape().output().size() ? i : i + 1);
      }

      @Override
      public double dx(int i) {
        return ref.dx(i);
      }

      @Override
      public double dw(int i) {
        return ref.dw(i);
      }

      @Override
      public double dbias(int o) {
        return ref.dbias(o);
      }
    };
    shifted.forward();
    assertThrows(IllegalStateException.class, () -> ConvCheck.check(ConvOp.FORWARD, p, shifted));
  }
}
