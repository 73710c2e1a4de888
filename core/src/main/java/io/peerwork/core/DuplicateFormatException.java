package io.peerwork.core;

/** Two topic formats with the same id were registered. */
public final class DuplicateFormatException extends PeerworkException {
  /** For the id {@code formatId} and the two classes that claim it. */
  public DuplicateFormatException(String formatId, String first, String second) {
    super("two topic formats have the id '" + formatId + "': " + first + " and " + second);
  }
}
