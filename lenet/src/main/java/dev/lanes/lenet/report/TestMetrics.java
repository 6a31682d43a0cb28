package dev.lanes.lenet.report;

/** Loss and accuracy of a trained model on the test set. */
public record TestMetrics(double loss, double accuracy) {}
