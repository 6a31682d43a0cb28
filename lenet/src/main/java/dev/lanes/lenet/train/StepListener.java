package dev.lanes.lenet.train;

/** Told after every training step: running means of the epoch so far. */
@FunctionalInterface
public interface StepListener {
  void step(int done, int steps, double loss, double accuracy);
}
