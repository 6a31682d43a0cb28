package dev.lanes.lenet.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, and the check that names the file when one does not match. */
final class Sha256 {
  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  static String hex(byte[] content) {
    return HexFormat.of().formatHex(newDigest().digest(content));
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  static void check(String source, MnistFile file, String expected, String actual)
      throws MnistFormatException {
    if (!expected.equals(actual)) {
      throw new MnistFormatException(source,
          "SHA-256 " + expected + " (" + file.fileName() + ", uncompressed)", "SHA-256 " + actual);
    }
  }
}
