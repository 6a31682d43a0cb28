package dev.lanes.lenet.cli;

/** The output layer and its loss, {@code --head}. */
public enum Head {
  /** Softmax over the 10 digits with categorical cross-entropy: the chapter's model. */
  SOFTMAX,
  /** One sigmoid per digit with binary cross-entropy against the one-hot label. */
  SIGMOID
}
