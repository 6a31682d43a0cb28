package dev.lanes.lenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.kernels.Convention;
import dev.lanes.kernels.Layout;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelOptionsTest {
  @Test
  void metadataRoundTrip() {
    ModelOptions options = new ModelOptions(Layout.NHWC, true, false, BnPlacement.AFTER, true, Head.SIGMOID,
        Convention.PYTORCH, 0.1, 1e-5);
    Map<String, String> metadata = options.toMetadata();
    assertEquals("nhwc", metadata.get("layout"));
    assertEquals("after", metadata.get("bn-placement"));
    Map<String, String> withOthers = new HashMap<>(metadata);
    withOthers.put("epoch", "5");
    assertEquals(options, ModelOptions.fromMetadata(withOthers));
    assertEquals(ModelOptions.chapter(), ModelOptions.fromMetadata(ModelOptions.chapter().toMetadata()));
  }

  @Test
  void unreadableMetadataNamesTheKey() {
    Map<String, String> metadata = new HashMap<>(ModelOptions.chapter().toMetadata());
    metadata.remove("head");
    assertEquals("metadata head: expected a value, actual none",
        assertThrows(IllegalArgumentException.class, () -> ModelOptions.fromMetadata(metadata)).getMessage());
    metadata.put("head", "tanh");
    assertEquals("metadata head: expected one of softmax, sigmoid, actual 'tanh'",
        assertThrows(IllegalArgumentException.class, () -> ModelOptions.fromMetadata(metadata)).getMessage());
    metadata.put("head", "softmax");
    metadata.put("bn", "yes");
    assertEquals("metadata bn: expected true or false, actual 'yes'",
        assertThrows(IllegalArgumentException.class, () -> ModelOptions.fromMetadata(metadata)).getMessage());
  }
}
