package dev.lanes.kernels.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * An embedder's view: compiles a minimal consumer against the packaged lanes-kernels jar alone, on a
 * plain class path, and runs one batch-norm forward training step with and without
 * {@code --add-modules jdk.incubator.vector}. Without the module the fallback must warn exactly once,
 * naming the flag, and agree with the Panama run within the differential tolerance.
 */
class EmbeddingIT {
  private static final String FLAG = "--add-modules jdk.incubator.vector";

  @Test
  void consumerRunsWithAndWithoutTheVectorModule() throws Exception {
    Path jar = Path.of(System.getProperty("lanes.kernelsJar"));
    assertTrue(Files.isRegularFile(jar), "packaged jar " + jar);
    Path work = Files.createDirectories(Path.of("target", "embedding-it"));
    Path source = work.resolve("Consumer.java");
    try (var in = EmbeddingIT.class.getResourceAsStream("/embedding/Consumer.java")) {
      Files.write(source, in.readAllBytes());
    }
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-cp", jar.toString(), "-d", work.toString(), source.toString());
    assertEquals(0, compiled, "javac of the consumer");

    String classPath = jar + java.io.File.pathSeparator + work;
    Run panama = run(List.of("--add-modules=jdk.incubator.vector", "-cp", classPath, "Consumer"));
    Run scalar = run(List.of("-cp", classPath, "Consumer"));

    assertTrue(panama.out.get(0).startsWith("implementation PANAMA"), panama.out.get(0));
    assertTrue(scalar.out.get(0).startsWith("implementation SCALAR"), scalar.out.get(0));
    assertEquals(1, count(scalar.err, FLAG), "fallback warnings in:\n" + scalar.err);
    assertEquals(0, count(panama.err, FLAG), "warnings in the Panama run:\n" + panama.err);
    assertEquals(panama.out.size(), scalar.out.size());
    for (int i = 1; i < panama.out.size(); i++) {
      float p = Float.parseFloat(panama.out.get(i));
      float s = Float.parseFloat(scalar.out.get(i));
      assertEquals(p, s, 2e-5 * (1 + Math.abs(p)), "line " + i);
    }
  }

  private record Run(List<String> out, String err) {}

  private static Run run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Process process = new ProcessBuilder(command).start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    int exit = process.waitFor();
    String errText = new String(err, StandardCharsets.UTF_8);
    assertEquals(0, exit, String.join(" ", command) + " failed:\n" + errText);
    return new Run(new String(out, StandardCharsets.UTF_8).lines().toList(), errText);
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
