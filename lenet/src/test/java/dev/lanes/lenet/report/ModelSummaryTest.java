package dev.lanes.lenet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {
  /** The chapter's LeNet with batch norm: 45,330 parameters, 452 of them moving statistics. */
  static List<LayerRow> lenet() {
    return List.of(
        LayerRow.trainable("conv2d", "Conv2D", "(None, 6, 24, 24)", 156),
        new LayerRow("batch_normalization", "BatchNormalization", "(None, 6, 24, 24)", 24, 12),
        LayerRow.trainable("activation", "Activation", "(None, 6, 24, 24)", 0),
        LayerRow.trainable("max_pooling2d", "MaxPooling2D", "(None, 6, 12, 12)", 0),
        LayerRow.trainable("conv2d_1", "Conv2D", "(None, 16, 8, 8)", 2416),
        new LayerRow("batch_normalization_1", "BatchNormalization", "(None, 16, 8, 8)", 64, 32),
        LayerRow.trainable("flatten", "Flatten", "(None, 256)", 0),
        LayerRow.trainable("dense", "Dense", "(None, 120)", 30840),
        new LayerRow("batch_normalization_2", "BatchNormalization", "(None, 120)", 480, 240),
        LayerRow.trainable("dense_1", "Dense", "(None, 84)", 10164),
        new LayerRow("batch_normalization_3", "BatchNormalization", "(None, 84)", 336, 168),
        LayerRow.trainable("dense_2", "Dense", "(None, 10)", 850));
  }

  @Test
  void totalsMatchTheChapter() {
    ModelSummary summary = new ModelSummary("lenet_bn", lenet());
    assertEquals(45_330, summary.totalParams());
    assertEquals(44_878, summary.trainableParams());
    assertEquals(452, summary.nonTrainableParams());
    String text = summary.render();
    assertEquals("""
        Total params: 45,330
        Trainable params: 44,878
        Non-trainable params: 452
        """, text.lines().skip(text.lines().count() - 4).limit(3).map(l -> l + "\n").reduce("", String::concat));
  }

  @Test
  void tableHasKerasColumnsAndWidensForLongCells() {
    String text = new ModelSummary("lenet_bn", lenet().subList(0, 2)).render();
    String rule = "_".repeat(77);
    assertEquals("Model: \"lenet_bn\"\n"
        + rule + "\n"
        + "Layer (type)                             Output Shape              Param #\n"
        + "=".repeat(77) + "\n"
        + "conv2d (Conv2D)                          (None, 6, 24, 24)         156\n"
        + rule + "\n"
        + "batch_normalization (BatchNormalization) (None, 6, 24, 24)         24\n"
        + "=".repeat(77) + "\n"
        + "Total params: 180\n"
        + "Trainable params: 168\n"
        + "Non-trainable params: 12\n"
        + rule + "\n", text);
  }

  @Test
  void rowsAreValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LayerRow("bn", "BatchNormalization", "(None, 6)", 24, 25));
    assertEquals("bn: expected 0 <= nonTrainableParams <= params, actual 25 of 24", e.getMessage());
  }
}
