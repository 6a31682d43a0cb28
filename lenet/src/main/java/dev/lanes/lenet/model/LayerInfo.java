package dev.lanes.lenet.model;

/** One layer as the model summary shows it: output extents per image, channels first. */
public record LayerInfo(String name, String type, int[] outputShape, int trainable, int nonTrainable) {}
