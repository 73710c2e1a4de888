package io.peerwork.bench;

import io.vertx.core.buffer.Buffer;

/**
 * Reads the few fields the load generator needs straight from a frame's bytes (its type, its
 * {@code seq}, the generator's marker), without parsing the JSON: at tens of thousands of frames
 * a second, the generator must not be what limits the run.
 */
final class FrameBytes {
  private FrameBytes() {}

  /** Whether {@code b} begins with {@code prefix}. */
  static boolean startsWith(Buffer b, byte[] prefix) {
    if (b.length() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b.getByte(i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Where {@code what} first occurs in {@code b} at or after {@code from}; -1 if nowhere. */
  static int indexOf(Buffer b, byte[] what, int from) {
    int last = b.length() - what.length;
    outer:
    for (int i = from; i <= last; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b.getByte(i + j) != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The decimal number that begins at {@code from} (0 if none). */
  static long parseLong(Buffer b, int from) {
    long v = 0;
    for (int i = from; i < b.length(); i++) {
      byte c = b.getByte(i);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
