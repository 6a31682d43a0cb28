package dev.lanes.lenet.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A saved model: metadata (the options that rebuild it, epoch, seed, whether batch norm is folded, ...)
 * and its tensors in order. {@link #write} and {@link #read} use the file format that
 * {@code CheckpointCodec} describes: magic {@code LANESCK1}, a version, the length, and a CRC32 over
 * everything.
 *
 * @param metadata keys and values, in insertion order
 * @param tensors distinct names, in the order they are written
 */
public record Checkpoint(Map<String, String> metadata, List<NamedTensor> tensors) {
  /** Version written by {@link #write}; {@link #read} accepts this version only. */
  public static final int FORMAT_VERSION = 1;

  public Checkpoint {
    if (metadata == null || tensors == null) {
      throw new IllegalArgumentException("metadata and tensors: expected both, actual "
          + (metadata == null ? "null metadata" : "null tensors"));
    }
    Map<String, String> copy = new LinkedHashMap<>();
    metadata.forEach((key, value) -> {
      if (key == null || value == null) {
        throw new IllegalArgumentException(
            "metadata: expected non-null keys and values, actual " + key + "=" + value);
      }
      copy.put(key, value);
    });
    metadata = Collections.unmodifiableMap(copy);
    tensors = List.copyOf(tensors);
    Set<String> names = new HashSet<>();
    for (NamedTensor t : tensors) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("tensors: expected distinct names, actual '" + t.name()
            + "' twice");
      }
    }
  }

  /** Value of a metadata key, if present. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  /** The tensor with this name, if present. */
  public Optional<NamedTensor> tensor(String name) {
    return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * Writes this checkpoint to {@code file}, atomically: an interrupted write leaves any previous file
   * in place and no partial file.
   */
  public void write(Path file) throws IOException {
    byte[] bytes = CheckpointCodec.encode(this);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * Reads a checkpoint written by {@link #write}.
   *
   * @throws CheckpointFormatException naming the file and what is wrong, when the file is not a
   *     complete, intact checkpoint of {@link #FORMAT_VERSION}
   * @throws IOException when the file cannot be read
   */
  public static Checkpoint read(Path file) throws IOException {
    return CheckpointCodec.decode(file);
  }
}
