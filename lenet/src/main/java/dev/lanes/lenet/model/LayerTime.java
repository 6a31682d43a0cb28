package dev.lanes.lenet.model;

/** Time one layer spent in forward and backward passes. */
public record LayerTime(String name, long forwardNanos, long backwardNanos) {}
