package dev.lanes.lenet.cli;

/** Where batch norm sits relative to the activation, {@code --bn-placement}. */
public enum BnPlacement {
  /** layer, BN, activation: as in Ioffe and Szegedy and the chapter. */
  BEFORE,
  /** layer, activation, BN: the chapter's exercise. */
  AFTER
}
