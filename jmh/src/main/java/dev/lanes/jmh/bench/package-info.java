/**
 * The JMH benchmarks of the kernel families: {@link dev.lanes.jmh.bench.BatchNormBench} and
 * {@link dev.lanes.jmh.bench.ConvBench}. Their class, method and parameter names ({@code shape},
 * {@code layout}, {@code impl}, {@code threads}) are what reports and later comparisons key on.
 */
package dev.lanes.jmh.bench;
