package dev.lanes.lenet.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers see either the old content or the complete new one: the bytes go to a
 * temporary file in the target's directory, are forced to disk, and the temporary file is then renamed
 * over the target. A failure at any point deletes the temporary file and leaves the target untouched.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of one file to a stream; the stream is closed by the caller. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code target} with what {@code content} writes, atomically where the file system can. */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new IOException(target + ": directory " + directory + " does not exist");
    }
    if (Files.isDirectory(absolute)) {
      throw new IOException(target + ": is a directory");
    }
    Path temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      // After writing: a read-only target's mode on the temp file would have refused the write.
      keepPermissions(temp, absolute);
      move(temp, absolute);
      moved = true;
      syncDirectory(directory);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Makes the rename itself durable where the platform lets a directory be synced (Linux does). */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not supported here (e.g. Windows); the file itself was synced before the rename.
    }
  }

  /**
   * Temporary files are created private (rw-------); the result gets the replaced file's permissions, or
   * rw-r--r-- for a new file, as an ordinary write would give it.
   */
  private static void keepPermissions(Path temp, Path target) throws IOException {
    if (!temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.exists(target)
        ? Files.getPosixFilePermissions(target)
        : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(temp, permissions);
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems cannot rename atomically; the file is still complete before it is moved.
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
