package dev.lanes.reference.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The shared argument-check assertions fail where they should, so no test leans on a toothless helper. */
class RejectsTest {
  private static final String GOOD = "x: expected 3, actual 2";

  @Test
  void sentinelFillsEveryElement() {
    assertArrayEquals(new double[] {Rejects.SENTINEL, Rejects.SENTINEL, Rejects.SENTINEL}, Rejects.sentinel(3));
  }

  @Test
  void acceptsANamedRejectionThatWritesNothing() {
    double[] out = Rejects.sentinel(2);
    Rejects.assertRejected("x", () -> fail(GOOD), out);
    Rejects.assertRejected("x", () -> fail(GOOD));
  }

  @Test
  void failsWithoutAnException() {
    assertFails(() -> Rejects.assertRejected("x", () -> {}));
  }

  @Test
  void failsOnAnotherExceptionType() {
    assertFails(() -> Rejects.assertRejected("x", () -> {
      throw new IllegalStateException(GOOD);
    }));
  }

  @Test
  void failsWhenTheMessageNamesAnotherArgument() {
    assertFails(() -> Rejects.assertRejected("x", () -> fail("y: expected 3, actual 2")));
    assertFails(() -> Rejects.assertRejected("x", () -> fail("x offset: expected >= 0, actual -1")));
  }

  @Test
  void failsWithoutExpectedAndActual() {
    assertFails(() -> Rejects.assertRejected("x", () -> fail("x: too short")));
    assertFails(() -> Rejects.assertRejected("x", () -> fail("x: expected 3")));
    assertFails(() -> Rejects.assertRejected("x", () -> fail("x: actual 2")));
  }

  @Test
  void failsWhenAnOutputWasWritten() {
    double[] untouched = Rejects.sentinel(2);
    double[] written = Rejects.sentinel(2);
    assertFails(() -> Rejects.assertRejected("x", () -> {
      written[1] = 0;
      fail(GOOD);
    }, untouched, written));
  }

  @Test
  void assertMessageWantsTheWholeMessage() {
    Rejects.assertMessage(GOOD, () -> fail(GOOD));
    assertFails(() -> Rejects.assertMessage(GOOD, () -> fail(GOOD + ".")));
    assertFails(() -> Rejects.assertMessage(GOOD, () -> {}));
  }

  @Test
  void watchedAcceptsAPrefixAndReturnsTheException() {
    Watched watched = new Watched();
    watched.watch(new double[] {1, 2});
    IllegalArgumentException thrown = new IllegalArgumentException("y and x: expected distinct arrays");
    assertSame(thrown, watched.assertRejected("ctx", "y and x:", () -> {
      throw thrown;
    }));
  }

  @Test
  void watchedFailsOnAWrittenArrayOrAnotherPrefix() {
    Watched watched = new Watched();
    double[] input = watched.watch(new double[] {1, 2});
    double[] output = watched.output(3);
    assertFails(() -> watched.assertRejected("ctx", "y:", () -> fail("x: expected 3, actual 2")));
    assertFails(() -> watched.assertRejected("ctx", "x:", () -> {
      output[0] = 0;
      fail(GOOD);
    }));
    output[0] = Watched.SENTINEL;
    assertFails(() -> watched.assertRejected("ctx", "x:", () -> {
      input[1] = 5;
      fail(GOOD);
    }));
  }

  private static void fail(String message) {
    throw new IllegalArgumentException(message);
  }

  private static void assertFails(Runnable assertion) {
    assertThrows(AssertionError.class, assertion::run);
  }
}
