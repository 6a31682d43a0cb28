package dev.lanes.lenet.report;

/** Counts of (true class, predicted class) pairs, and the table that evaluate prints. */
public final class ConfusionMatrix {
  private final long[][] counts;

  public ConfusionMatrix(int classes) {
    if (classes < 1) {
      throw new IllegalArgumentException("classes: expected >= 1, actual " + classes);
    }
    counts = new long[classes][classes];
  }

  public int classes() {
    return counts.length;
  }

  public void add(int actual, int predicted) {
    if (actual < 0 || actual >= counts.length || predicted < 0 || predicted >= counts.length) {
      throw new IllegalArgumentException("actual, predicted: expected in [0, " + counts.length + "), actual "
          + actual + ", " + predicted);
    }
    counts[actual][predicted]++;
  }

  public long count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  public long total() {
    long total = 0;
    for (long[] row : counts) {
      for (long c : row) {
        total += c;
      }
    }
    return total;
  }

  public long correct() {
    long correct = 0;
    for (int i = 0; i < counts.length; i++) {
      correct += counts[i][i];
    }
    return correct;
  }

  /** Correct over total; NaN when empty. */
  public double accuracy() {
    long total = total();
    return total == 0 ? Double.NaN : (double) correct() / total;
  }

  /**
   * Rows are true classes, columns predicted ones, right-aligned:
   *
   * <pre>
   * true\pred     0     1 ...
   *         0   975     0 ...
   * </pre>
   */
  public String render() {
    long max = 0;
    for (long[] row : counts) {
      for (long c : row) {
        max = Math.max(max, c);
      }
    }
    int cell = Math.max(Long.toString(max).length(), Integer.toString(counts.length - 1).length()) + 2;
    String corner = "true\\pred";
    StringBuilder s = new StringBuilder(corner);
    for (int p = 0; p < counts.length; p++) {
      pad(s, Integer.toString(p), cell);
    }
    s.append('\n');
    for (int a = 0; a < counts.length; a++) {
      pad(s, Integer.toString(a), corner.length());
      for (int p = 0; p < counts.length; p++) {
        pad(s, Long.toString(counts[a][p]), cell);
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static void pad(StringBuilder s, String text, int width) {
    s.repeat(' ', Math.max(width - text.length(), 0)).append(text);
  }
}
