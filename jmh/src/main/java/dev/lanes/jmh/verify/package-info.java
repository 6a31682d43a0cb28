/**
 * The once-per-trial checks that a benchmark's implementation computes the right thing: expectations are
 * computed here, in double, from the problem's inputs, independently of the oracle's code.
 */
package dev.lanes.jmh.verify;
