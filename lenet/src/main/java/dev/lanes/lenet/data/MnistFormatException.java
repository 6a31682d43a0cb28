package dev.lanes.lenet.data;

import java.io.IOException;

/**
 * A data file that is not what it should be: wrong magic number or dimensions, a payload of the wrong
 * length, an out-of-range label, a checksum that does not match. The message names the file, what was
 * expected and what was found.
 */
public final class MnistFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public MnistFormatException(String file, String expected, String found) {
    super(file + ": expected " + expected + ", found " + found);
  }

  public MnistFormatException(String file, String expected, String found, Throwable cause) {
    super(file + ": expected " + expected + ", found " + found, cause);
  }
}
