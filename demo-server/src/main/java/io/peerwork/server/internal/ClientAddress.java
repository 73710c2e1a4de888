package io.peerwork.server.internal;

import io.netty.util.NetUtil;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who the client of a request or WebSocket is, for every limit per client address: the TCP peer,
 * unless the peer is one of the trusted proxies ({@code --trusted-proxies}); then the right-most
 * address of {@code X-Forwarded-For} that is not itself a trusted proxy. A proxy appends the address
 * it received the request from, so the entries to the right of the first untrusted one were written
 * by trusted proxies and the ones to its left by whoever sent the request (anything at all).
 *
 * <p>If a trusted peer sends no header, the client is the peer. If walking from the right meets an
 * entry that is not a literal IP address (a name, a port, {@code unknown}, an empty entry) before an
 * untrusted one, the client is the peer too: no guess. If every entry is a trusted proxy, the client is
 * the left-most one. Nothing is ever looked up in DNS. An IPv4-mapped IPv6 address counts as its IPv4
 * address.
 *
 * <p>The HTTP router decides once per request ({@link #handler()}, mounted first); handlers read the
 * decision with {@link #of(RoutingContext)}.
 */
public final class ClientAddress {
  /** What an address is when the socket does not know its peer. */
  public static final String UNKNOWN = "?";
  /** Trusts no proxy: the client is always the TCP peer. */
  public static final ClientAddress NO_PROXIES = new ClientAddress(List.of());

  private static final String HEADER = "X-Forwarded-For";
  private static final String KEY = ClientAddress.class.getName();

  private final List<Range> trusted;

  private ClientAddress(List<Range> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /**
   * Trusts the proxies at {@code addressesOrRanges}: IP addresses ({@code 127.0.0.1}, {@code ::1}) or
   * CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}).
   *
   * @throws IllegalArgumentException naming the first entry that is neither
   */
  public static ClientAddress trusting(List<String> addressesOrRanges) {
    var ranges = new ArrayList<Range>();
    for (String entry : addressesOrRanges) {
      ranges.add(Range.parse(entry.strip()));
    }
    return new ClientAddress(ranges);
  }

  /** Whether any proxy is trusted. */
  public boolean trustsAny() {
    return !trusted.isEmpty();
  }

  /**
   * The client of a connection from {@code peer} (its address as the socket has it, or null if
   * unknown) that carried {@code forwardedFor}, the values of every {@code X-Forwarded-For} header in
   * order (empty if none).
   *
   * @return the client's address; {@link #UNKNOWN} if the peer is unknown
   */
  public String decide(String peer, List<String> forwardedFor) {
    if (peer == null || peer.isEmpty()) {
      return UNKNOWN;
    }
    Optional<byte[]> peerIp = ip(peer);
    if (peerIp.isEmpty()) {
      return peer;
    }
    String peerText = text(peerIp.get());
    if (!isTrusted(peerIp.get()) || forwardedFor.isEmpty()) {
      return peerText;
    }
    var entries = new ArrayList<String>();
    for (String header : forwardedFor) {
      for (String e : header.split(",", -1)) {
        entries.add(e.strip());
      }
    }
    String leftMost = peerText;
    for (int i = entries.size() - 1; i >= 0; i--) {
      Optional<byte[]> ip = ip(entries.get(i));
      if (ip.isEmpty()) {
        return peerText;
      }
      leftMost = text(ip.get());
      if (!isTrusted(ip.get())) {
        return leftMost;
      }
    }
    return leftMost;
  }

  /** The client of a request or WebSocket handshake from {@code peer} with these {@code headers}. */
  public String of(SocketAddress peer, MultiMap headers) {
    String host = peer == null ? null : peer.hostAddress();
    return decide(host, trustsAny() ? headers.getAll(HEADER) : List.of());
  }

  /** Decides the client of each request and keeps it for {@link #of(RoutingContext)}. */
  public Handler<RoutingContext> handler() {
    return ctx -> {
      ctx.put(KEY, of(ctx.request().remoteAddress(), ctx.request().headers()));
      ctx.next();
    };
  }

  /**
   * The client of the request, as {@link #handler()} decided; the TCP peer if no handler did (a
   * router without it trusts no proxy).
   */
  public static String of(RoutingContext ctx) {
    String decided = ctx.get(KEY);
    return decided != null ? decided : NO_PROXIES.of(ctx.request().remoteAddress(), ctx.request().headers());
  }

  /**
   * The client's network, for limits per client: the client address of the request ({@link #of}),
   * an IPv6 one as its /64.
   */
  public static String networkOf(RoutingContext ctx) {
    return network(of(ctx));
  }

  /**
   * An IPv4 address as it is; an IPv6 address as its /64 (one home or office network gets a /64,
   * so its addresses count as one client).
   */
  static String network(String hostAddress) {
    if (hostAddress.indexOf(':') >= 0) {
      try {
        byte[] ip = java.net.InetAddress.getByName(hostAddress).getAddress();
        if (ip.length == 16) {
          return java.util.HexFormat.of().formatHex(ip, 0, 8) + "::/64";
        }
      } catch (java.net.UnknownHostException e) {
        // not a literal address; use it as it is
      }
    }
    return hostAddress;
  }

  private boolean isTrusted(byte[] ip) {
    for (Range r : trusted) {
      if (r.contains(ip)) {
        return true;
      }
    }
    return false;
  }

  /** A literal IPv4 or IPv6 address (IPv6 may be in brackets), IPv4-mapped as IPv4; never a lookup. */
  private static Optional<byte[]> ip(String text) {
    byte[] b = NetUtil.createByteArrayFromIpAddressString(text);
    if (b == null) {
      return Optional.empty();
    }
    if (b.length == 16 && ipv4Mapped(b)) {
      byte[] v4 = new byte[4];
      System.arraycopy(b, 12, v4, 0, 4);
      return Optional.of(v4);
    }
    return Optional.of(b);
  }

  private static boolean ipv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static String text(byte[] ip) {
    try {
      return InetAddress.getByAddress(ip).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are an address", e);
    }
  }

  /** An address and how many of its leading bits a match must share. */
  private record Range(byte[] network, int bits) {
    static Range parse(String entry) {
      int slash = entry.indexOf('/');
      Optional<byte[]> ip = ip(slash < 0 ? entry : entry.substring(0, slash));
      if (ip.isEmpty()) {
        throw new IllegalArgumentException("'" + entry + "' is neither an IP address nor a CIDR range");
      }
      int max = ip.get().length * 8;
      int bits = max;
      if (slash >= 0) {
        String suffix = entry.substring(slash + 1);
        if (!suffix.matches("[0-9]{1,3}") || Integer.parseInt(suffix) > max) {
          throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0.." + max);
        }
        bits = Integer.parseInt(suffix);
      }
      return new Range(ip.get(), bits);
    }

    boolean contains(byte[] ip) {
      if (ip.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((ip[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
