package dev.lanes.lenet.report;

/** How {@link ProgressBar} shows an epoch's progress. */
public enum ProgressMode {
  /** {@link #BAR} on a terminal, else {@link #LOG}. */
  AUTO,
  /** One line redrawn in place with '\r', at most 20 times a second. */
  BAR,
  /** A new line at every tenth of the epoch, for logs and pipes. */
  LOG,
  /** Nothing. */
  OFF
}
