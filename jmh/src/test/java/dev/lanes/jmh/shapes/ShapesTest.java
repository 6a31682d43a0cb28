package dev.lanes.jmh.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.reference.Layout;
import dev.lanes.reference.conv.Conv2dShape;
import org.junit.jupiter.api.Test;

/** The shape ids map to BENCHMARKING.md's table: its element counts and MFLOP, to the printed digits. */
class ShapesTest {

  @Test
  void batchNormElementsMatchTheTable() {
    assertEquals(221_184, BatchNormShape.B1.elements());
    assertEquals(65_536, BatchNormShape.B2.elements());
    assertEquals(7_680, BatchNormShape.B3.elements());
    assertEquals(6_422_528, BatchNormShape.B4.elements());
    assertEquals(12_845_056, BatchNormShape.B5.elements());
    for (BatchNormShape s : BatchNormShape.values()) {
      for (Layout layout : Layout.values()) {
        assertEquals(s.elements(), s.shape(layout).size(), s + " " + layout);
      }
    }
  }

  @Test
  void onlyB3Is2d() {
    for (BatchNormShape s : BatchNormShape.values()) {
      assertEquals(s == BatchNormShape.B3, s.is2d(), s.name());
    }
    assertEquals("64 x 120 (2-D)", BatchNormShape.B3.dims());
    assertEquals("64 x 6 x 24 x 24", BatchNormShape.B1.dims());
  }

  @Test
  void convMflopMatchTheTable() {
    assertEquals("11.06", String.format(java.util.Locale.ROOT, "%.2f", ConvShape.K1.mflop()));
    assertEquals("19.66", String.format(java.util.Locale.ROOT, "%.2f", ConvShape.K2.mflop()));
    assertEquals("1849.7", String.format(java.util.Locale.ROOT, "%.1f", ConvShape.K3.mflop()));
    assertEquals(11_059_200L, ConvShape.K1.flops());
    assertEquals(19_660_800L, ConvShape.K2.flops());
    assertEquals(1_849_688_064L, ConvShape.K3.flops());
  }

  @Test
  void convShapesAreStrideOneWithThePaddingOfTheTable() {
    for (ConvShape id : ConvShape.values()) {
      Conv2dShape s = id.shape(Layout.NHWC);
      assertEquals(1, s.stride(), id.name());
      assertEquals(id == ConvShape.K3 ? 1 : 0, s.pad(), id.name());
      assertEquals(Layout.NHWC, s.layout());
    }
    assertEquals("N=64, 1 -> 6, 28x28, 5x5, no pad", ConvShape.K1.dims());
    assertEquals("N=8, 64 -> 64, 56x56, 3x3, pad 1", ConvShape.K3.dims());
    assertEquals(56, ConvShape.K3.shape(Layout.NCHW).outH());
  }

  @Test
  void unknownIdsAndMethodsAreNamedInTheError() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchNormShape.byId("B9"))
        .getMessage().contains("B9"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvShape.byId("B1"))
        .getMessage().contains("[K1, K2, K3]"));
    assertEquals(BatchNormOp.BACKWARD, BatchNormOp.byMethod("backward"));
    assertEquals(ConvOp.BACKWARD_WEIGHTS, ConvOp.byMethod("backwardWeights"));
    assertFalse(assertThrows(IllegalArgumentException.class, () -> ConvOp.byMethod("fwd"))
        .getMessage().isEmpty());
  }

  @Test
  void bytesPerElementAreThoseOfBenchmarkingMd() {
    assertEquals(12, BatchNormOp.FORWARD_TRAINING.bytesPerElement());
    assertEquals(8, BatchNormOp.INFERENCE.bytesPerElement());
    assertEquals(20, BatchNormOp.BACKWARD.bytesPerElement());
  }
}
