package dev.lanes.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Layout;
import org.junit.jupiter.api.Test;

/**
 * Which shapes take the GEMM data gradient: the differential test covers both paths on every case, but
 * only if small shapes really reach the GEMM and large or strided ones do not.
 */
class GemmPathTest {
  @Test
  void lenetLayersTakeTheGemmDataGradient() {
    for (Layout layout : Layout.values()) {
      assertTrue(GemmDataGradient.pays(new ConvShape(64, 1, 28, 28, 6, 5, 5, 1, 0, layout)));
      assertTrue(GemmDataGradient.pays(new ConvShape(64, 6, 12, 12, 16, 5, 5, 1, 0, layout)));
    }
  }

  @Test
  void largeOrStridedShapesStayDirect() {
    assertFalse(GemmDataGradient.pays(new ConvShape(8, 64, 56, 56, 64, 3, 3, 1, 1, Layout.NHWC)));
    assertFalse(GemmDataGradient.pays(new ConvShape(2, 3, 11, 10, 7, 3, 3, 2, 1, Layout.NCHW)));
  }
}
