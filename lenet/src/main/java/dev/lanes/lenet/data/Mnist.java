package dev.lanes.lenet.data;

/** The MNIST training set (60,000 images) and test set (10,000). */
public record Mnist(MnistSet train, MnistSet test) {}
