package dev.lanes.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report generator on fixture.json, a hand-made file in JMH's JSON format whose scores give round
 * rates: triad 1 thread 30 ms (median of two forks) = 26.8 GB/s, FMA 3.5 ms = 115 GFLOP/s, and so on.
 */
class ReportTest {
  @TempDir
  Path dir;

  private Path fixture() throws IOException {
    Path json = dir.resolve("fixture.json");
    try (InputStream in = ReportTest.class.getResourceAsStream("fixture.json")) {
      Files.copy(in, json);
    }
    return json;
  }

  private String report(String... extra) throws IOException {
    Path out = dir.resolve("out.md");
    String[] args = new String[extra.length + 2];
    System.arraycopy(extra, 0, args, 0, extra.length);
    args[extra.length] = fixture().toString();
    args[extra.length + 1] = out.toString();
    List<Path> written = ReportMain.run(args);
    assertEquals(List.of(out, dir.resolve("out-bn.svg"), dir.resolve("out-conv.svg")), written);
    return Files.readString(out);
  }

  @Test
  void limitsAreConvertedToRates() throws IOException {
    String md = report();
    assertTrue(md.contains("| bandwidth copy | 1 | 20.0 | 26.8 GB/s |"), md);
    assertTrue(md.contains("| bandwidth triad | 1 | 30.0 | 26.8 GB/s |"), md);
    assertTrue(md.contains("| f32 FMA peak | 1 | 3.50 | 115 GFLOP/s |"), md);
    assertTrue(md.contains("| f32 FMA peak | 2 | 1.75 | 230 GFLOP/s |"), md);
    assertTrue(md.contains("- vector width: 512 bits (16 f32 lanes)"), md);
  }

  @Test
  void batchNormCellsHaveMedianTimeGbPerSecondAndFractionOfTriad() throws IOException {
    String md = report();
    // 8 B * 65,536 / 100 us = 5.24 GB/s = 20% of 26.8 GB/s
    assertTrue(md.contains("| B2 | NCHW | reference | 1 | 100 | 5.24 | 20% |"), md);
    // no 2-thread triad in the run
    assertTrue(md.contains("| B2 | NCHW | panama | 2 | 50.0 | 10.5 | not probed in this run |"), md);
    // B3 once, as 2-D, from its NCHW result: 12 B * 7,680 / 10 us = 9.22 GB/s
    assertTrue(md.contains("| B3 | 2-D | reference | 1 | 10.0 | 9.22 | 34% |"), md);
    assertFalse(md.contains("| B3 | NHWC"), md);
    assertTrue(md.contains("| B5 | 64 x 256 x 28 x 28 | larger than the 32 MiB L3 | 12,845,056 |"), md);
  }

  @Test
  void convCellsHaveGflopsAndFractionOfTheFmaPeakOnTheSameThreads() throws IOException {
    String md = report();
    // 11.06 MFLOP / 1 ms = 11.1 GFLOP/s = 9.6% of 115
    assertTrue(md.contains("| K1 | NCHW | reference | 1 | 1.00 | 11.1 | 9.6% |"), md);
    // 0.5 ms on 2 threads: 22.1 GFLOP/s = 9.6% of the 2-thread peak 230
    assertTrue(md.contains("| K1 | NHWC | panama | 2 | 0.500 | 22.1 | 9.6% |"), md);
    assertTrue(md.contains("| K3 | N=8, 64 -> 64, 56x56, 3x3, pad 1 | ResNet 3x3 layer | 1849.69 |"), md);
  }

  @Test
  void headerRecordsJvmProtocolAndCommands() throws IOException {
    String md = report("--command", "bin/bench -f 1 x", "--note", "pinned: taskset -c 0");
    assertTrue(md.contains("OpenJDK 64-Bit Server VM 25.0.3+9-LTS (JDK 25.0.3"), md);
    assertTrue(md.contains("`ConvBench`: 1 fork x (1 x 1 s warm-up + 3 x 1 s)"), md);
    assertTrue(md.contains("`MemoryBandwidthProbe`: 2 forks x (3 x 1 s warm-up + 3 x 1 s)"), md);
    assertTrue(md.contains("  - `bin/bench -f 1 x`\n"), md);
    assertTrue(md.contains("- pinned: taskset -c 0\n"), md);
    assertTrue(md.contains("](out-bn.svg)") && md.contains("](out-conv.svg)"), md);
  }

  @Test
  void hostCpuIsTheFirstModelNameAndTheProcessorCount() throws IOException {
    Path cpuinfo = dir.resolve("cpuinfo");
    Files.writeString(cpuinfo, """
        processor	: 0
        model name	: Example CPU @ 2.60GHz
        cpu cores	: 2

        processor	: 1
        model name	: Example CPU @ 2.60GHz
        """);
    assertEquals("Example CPU @ 2.60GHz, 2 logical CPUs", ReportMain.hostCpu(cpuinfo));
    Path missing = dir.resolve("no-cpuinfo");
    assertEquals("not read (no " + missing + ")", ReportMain.hostCpu(missing));
    String md = report();
    assertTrue(md.contains("- CPU of the machine that wrote this report, from /proc/cpuinfo"), md);
  }

  @Test
  void chartsAreSvgWithABarPerResultAndTheLimitLine() throws IOException {
    report();
    String bn = Files.readString(dir.resolve("out-bn.svg"));
    assertTrue(bn.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), bn);
    assertTrue(bn.contains(">B2 NCHW reference<") && bn.contains(">B2 NCHW panama 2T<"), bn);
    assertTrue(bn.contains(">5.24 (20%)<"), bn);
    assertTrue(bn.contains("triad bandwidth, 1 thread: 26.8 GB/s"), bn);
    assertTrue(bn.trim().endsWith("</svg>"), bn);
    String conv = Files.readString(dir.resolve("out-conv.svg"));
    assertTrue(conv.contains("f32 FMA peak, 1 thread: 115 GFLOP/s"), conv);
  }

  @Test
  void withoutProbesEveryFractionSaysSo() throws IOException {
    Path json = dir.resolve("bn-only.json");
    Files.writeString(json, """
        [{"benchmark": "dev.lanes.jmh.bench.BatchNormBench.backward", "mode": "avgt", "forks": 1,
          "params": {"impl": "reference", "layout": "NHWC", "shape": "B4", "threads": "1"},
          "primaryMetric": {"score": 6422.528, "scoreUnit": "us/op", "rawData": [[6422.528]]}}]
        """);
    Path out = dir.resolve("bn.md");
    ReportMain.run(new String[] {json.toString(), out.toString()});
    String md = Files.readString(out);
    // 20 B * 6,422,528 / 6,422.528 us = 20 GB/s
    assertTrue(md.contains("| B4 | NHWC | reference | 1 | 6,423 | 20.0 | not probed in this run |"), md);
    assertTrue(md.contains("Not probed in this run"), md);
    assertTrue(md.contains("vector width: not recorded"), md);
    assertFalse(Files.exists(dir.resolve("bn-conv.svg")));
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path json = dir.resolve("not.json");
    Files.writeString(json, "{\"a\": 1}");
    String message = assertThrows(IllegalArgumentException.class,
        () -> ReportMain.run(new String[] {json.toString()})).getMessage();
    assertTrue(message.contains("not.json") && message.contains("JSON array"), message);
    assertThrows(IllegalArgumentException.class, () -> ReportMain.run(new String[] {"out.md"}));
    assertThrows(IllegalArgumentException.class,
        () -> ReportMain.run(new String[] {dir.resolve("missing.json").toString()}));
  }
}
