package dev.lanes.jmh.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class RangeSplitterTest {

  @Test
  void partsCoverTheRangeOnceInAlignedContiguousPieces() {
    for (int threads = 1; threads <= 3; threads++) {
      for (int n : new int[] {0, 1, 1023, 1024, 5000, 1 << 20}) {
        Queue<String> parts = new ConcurrentLinkedQueue<>();
        try (RangeSplitter split = new RangeSplitter(threads)) {
          double covered = split.run(n, (from, to) -> {
            parts.add(from + ".." + to);
            return to - from;
          });
          assertEquals(n, covered, threads + " threads, n " + n);
        }
        assertEquals(threads, parts.size(), parts.toString());
        for (String p : parts) {
          int from = Integer.parseInt(p.substring(0, p.indexOf('.')));
          assertEquals(0, from % 1024, p);
        }
      }
    }
  }

  @Test
  void aFailingPartFailsTheCall() {
    try (RangeSplitter split = new RangeSplitter(2)) {
      assertThrows(IllegalStateException.class, () -> split.run(1 << 16, (from, to) -> {
        if (from > 0) {
          throw new ArithmeticException("worker");
        }
        return 0;
      }));
    }
  }

  @Test
  void workDoesNotDependOnTheVectorWidth() {
    assertEquals(2L * 12 * (1 << 24), ProbeWork.FMA_FLOP_PER_CALL);
    assertEquals(12L * (64 << 20), ProbeWork.bandwidthBytesPerCall("triad"));
    assertThrows(IllegalArgumentException.class, () -> ProbeWork.bandwidthBytesPerCall("scale"));
  }
}
