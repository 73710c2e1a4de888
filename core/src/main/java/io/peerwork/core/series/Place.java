package io.peerwork.core.series;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a series meets: an address, an online link, or both.
 *
 * @param address a postal address, e.g. "Coworking Gumpendorf, Gumpendorfer Straße 12, 1060 Wien"
 * @param onlineLink a URL to join online, {@code https://...}
 */
public record Place(Optional<String> address, Optional<String> onlineLink) {
  /** Requires at least one of the two, each 1 to 300 characters; the link must be https. */
  public Place {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(onlineLink, "onlineLink");
    address = address.map(String::strip).filter(a -> !a.isEmpty());
    onlineLink = onlineLink.map(String::strip).filter(a -> !a.isEmpty());
    if (address.isEmpty() && onlineLink.isEmpty()) {
      throw new IllegalArgumentException("a place has an address, an online link, or both");
    }
    if (address.map(a -> a.length() > 300).orElse(false) || onlineLink.map(a -> a.length() > 300).orElse(false)) {
      throw new IllegalArgumentException("an address or link has at most 300 characters");
    }
    if (onlineLink.isPresent() && !onlineLink.get().startsWith("https://")) {
      throw new IllegalArgumentException("an online link starts with https://");
    }
  }

  /** A place with an address only. */
  public static Place at(String address) {
    return new Place(Optional.of(address), Optional.empty());
  }

  /** A place online only. */
  public static Place online(String link) {
    return new Place(Optional.empty(), Optional.of(link));
  }
}
