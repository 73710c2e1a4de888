package io.peerwork.server.internal;

import java.util.Objects;

/**
 * The server's public base URL, e.g. {@code https://peerwork.example.org}, for links in messages
 * that leave the server (e-mails through the Outbox). Never taken from a request's {@code Host}
 * header, which the sender chooses: a confirmation link pointing at their host would hand them the
 * token. Known once the server listens (a port asked for as 0 is chosen then).
 */
public final class PublicUrl {
  private volatile String base;

  public PublicUrl(String base) {
    set(base);
  }

  /** Sets the base URL once it is known; a trailing slash is dropped. */
  public void set(String base) {
    this.base = Objects.requireNonNull(base, "base").replaceAll("/+$", "");
  }

  /** {@code path} (starting with {@code /}) under the base URL. */
  public String of(String path) {
    return base + path;
  }
}
