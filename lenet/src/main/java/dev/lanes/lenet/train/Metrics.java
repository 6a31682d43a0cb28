package dev.lanes.lenet.train;

/** Mean loss and accuracy over some images. */
public record Metrics(double loss, double accuracy, int images) {}
