package dev.lanes.lenet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  @Test
  void countsAccuracyAndTable() {
    ConfusionMatrix m = new ConfusionMatrix(3);
    for (int i = 0; i < 120; i++) {
      m.add(0, 0);
    }
    m.add(1, 2);
    m.add(2, 2);
    assertEquals(122, m.total());
    assertEquals(121, m.correct());
    assertEquals(121.0 / 122, m.accuracy());
    assertEquals("""
        true\\pred    0    1    2
                0  120    0    0
                1    0    0    1
                2    0    0    1
        """, m.render());
  }

  @Test
  void classesOutOfRangeAreRefused() {
    ConfusionMatrix m = new ConfusionMatrix(10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(10, 0));
    assertEquals("actual, predicted: expected in [0, 10), actual 10, 0", e.getMessage());
    assertEquals(Double.NaN, new ConfusionMatrix(2).accuracy());
  }
}
