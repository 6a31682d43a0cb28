/**
 * The workloads of BENCHMARKING.md in one place: shape ids (B1-B5, K1-K3), the benchmarked passes, and the
 * traffic and FLOP counts that reports turn times into rates with.
 */
package dev.lanes.jmh.shapes;
