package dev.lanes.lenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aWriterThatFailsHalfwayLeavesTheOldContentAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("report.json");
    Files.writeString(file, "old");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      out.write("new, but only half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(file));
    assertEquals(List.of(file), listing());
  }

  @Test
  void newFilesGetOrdinaryPermissionsAndReplacedFilesKeepTheirs() throws IOException {
    Path fresh = dir.resolve("fresh.txt");
    AtomicFiles.write(fresh, out -> out.write('a'));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    Path kept = dir.resolve("kept.txt");
    Files.writeString(kept, "x");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
    AtomicFiles.write(kept, out -> out.write('b'));
    assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
    assertEquals("b", Files.readString(kept));
  }

  @Test
  void aReadOnlyFileIsReplacedAndStaysReadOnly() throws IOException {
    Path target = dir.resolve("frozen.txt");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
    AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(target));
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void aDirectoryIsNotReplaced() {
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dir, out -> out.write('a')));
    assertEquals(dir + ": is a directory", e.getMessage());
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
