/**
 * The implementations a benchmark can measure, as small strategy objects chosen by name in the benchmark's
 * {@code @Setup} ({@link dev.lanes.jmh.impl.Impls}), and the seeded problems they are bound to.
 */
package dev.lanes.jmh.impl;
