/**
 * Limit probes run by JMH next to the kernels: DRAM bandwidth (copy, triad, read-only sum) and the f32 FMA
 * peak, on 1 and 2 threads. Only this package and the kernels' Panama classes import
 * {@code jdk.incubator.vector}; {@link dev.lanes.jmh.probe.ProbeWork} holds the work per call that the
 * report needs and imports nothing.
 */
package dev.lanes.jmh.probe;
