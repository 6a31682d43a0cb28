package dev.lanes.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.ConvShape;
import dev.lanes.kernels.Layout;
import org.junit.jupiter.api.Test;

/**
 * Which shapes take the weight gradient's tap tiles: the differential test covers the tap tiles, the
 * GEMM and the planar and channel loops only if its edge shapes reach each of them.
 */
class TapWeightsPathTest {
  @Test
  void fullGroupsAndKernelRowsTakeTheTapTiles() {
    for (Layout layout : Layout.values()) {
      ConvShape lenetConv2 = new ConvShape(64, 6, 12, 12, 16, 5, 5, 1, 0, layout);
      ConvShape resnet = new ConvShape(8, 64, 56, 56, 64, 3, 3, 1, 1, layout);
      for (int group : new int[] {8, 16}) {
        assertTrue(WeightGradient.tapsPay(lenetConv2, group));
        assertTrue(WeightGradient.tapsPay(resnet, group));
      }
    }
  }

  @Test
  void halfEmptyGroupsOrShortKernelRowsDoNot() {
    // LeNet conv1: 6 of 16 channels; one channel past a group; a 1 x 1 kernel over 5 channels
    assertFalse(WeightGradient.tapsPay(new ConvShape(64, 1, 28, 28, 6, 5, 5, 1, 0, Layout.NCHW), 16));
    assertFalse(WeightGradient.tapsPay(new ConvShape(2, 15, 6, 5, 17, 3, 3, 1, 1, Layout.NHWC), 16));
    assertFalse(WeightGradient.tapsPay(new ConvShape(2, 5, 7, 9, 3, 1, 1, 1, 0, Layout.NHWC), 1));
  }
}
