/**
 * The report generator: JMH JSON in, docs/benchmarks.md with tables and SVG bar charts out, every rate
 * also as a fraction of the limit probed in the same run. Entry point {@link dev.lanes.jmh.report.ReportMain}.
 */
package dev.lanes.jmh.report;
