package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.server.ServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who the client is behind reverse proxies: the TCP peer, unless the peer is trusted; then the
 * right-most {@code X-Forwarded-For} entry that is not a trusted proxy, and the peer whenever the
 * header cannot be read.
 */
class ClientAddressTest {
  private static final ClientAddress LOCAL = ClientAddress.trusting(List.of("127.0.0.1", "::1"));

  @Test
  void anUntrustedPeerIsTheClientWhateverItsHeaderSays() {
    assertThat(ClientAddress.NO_PROXIES.decide("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    assertThat(ClientAddress.NO_PROXIES.decide("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("127.0.0.1");
    assertThat(LOCAL.decide("203.0.113.7", List.of("127.0.0.1"))).as("a forged header from outside")
        .isEqualTo("203.0.113.7");
    assertThat(LOCAL.decide("203.0.113.7", List.of())).isEqualTo("203.0.113.7");
  }

  @Test
  void behindATrustedProxyTheClientIsTheRightMostUntrustedEntry() {
    assertThat(LOCAL.decide("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    // The client sent its own X-Forwarded-For; the proxy appended the address it saw: only that counts.
    assertThat(LOCAL.decide("127.0.0.1", List.of("10.9.9.9, 127.0.0.1, 198.51.100.1"))).isEqualTo("198.51.100.1");
    // Several header lines are one list, in order.
    assertThat(LOCAL.decide("127.0.0.1", List.of("10.9.9.9", "198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(LOCAL.decide("127.0.0.1", List.of())).as("no header: the proxy itself").isEqualTo("127.0.0.1");
  }

  @Test
  void aChainOfTrustedProxiesIsWalkedFromTheRight() {
    var chain = ClientAddress.trusting(List.of("127.0.0.1", "10.0.0.0/8"));
    // client -> 10.1.2.3 (a load balancer) -> 10.0.0.5 -> 127.0.0.1 (nginx) -> the server
    assertThat(chain.decide("127.0.0.1", List.of("192.0.2.44, 10.1.2.3, 10.0.0.5"))).isEqualTo("192.0.2.44");
    assertThat(chain.decide("127.0.0.1", List.of("6.6.6.6, 192.0.2.44, 10.1.2.3"))).isEqualTo("192.0.2.44");
    // Every entry a trusted proxy: the client is the one furthest away.
    assertThat(chain.decide("127.0.0.1", List.of("10.7.7.7, 10.1.2.3"))).isEqualTo("10.7.7.7");
  }

  @Test
  void rangesMatchByTheirPrefix() {
    var ranges = ClientAddress.trusting(List.of("192.168.4.0/22", "fd00::/8"));
    assertThat(ranges.decide("192.168.7.255", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(ranges.decide("192.168.8.0", List.of("198.51.100.1"))).as("outside the /22").isEqualTo("192.168.8.0");
    assertThat(ranges.decide("fd12:3456::1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(ranges.decide("fe80::1", List.of("198.51.100.1"))).isEqualTo("fe80:0:0:0:0:0:0:1");
    var everyone = ClientAddress.trusting(List.of("0.0.0.0/0"));
    assertThat(everyone.decide("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(everyone.decide("2001:db8::1", List.of("198.51.100.1"))).as("an IPv4 range holds no IPv6 peer")
        .isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void ipv6PeersAndEntries() {
    assertThat(LOCAL.decide("0:0:0:0:0:0:0:1", List.of("2001:db8:1:2::99"))).isEqualTo("2001:db8:1:2:0:0:0:99");
    assertThat(LOCAL.decide("::1", List.of("[2001:db8::7]"))).as("in brackets").isEqualTo("2001:db8:0:0:0:0:0:7");
    // An IPv4 client seen through an IPv6 socket, and a mapped entry, are IPv4 addresses.
    assertThat(LOCAL.decide("::ffff:127.0.0.1", List.of("::ffff:198.51.100.1"))).isEqualTo("198.51.100.1");
    // Its /64 is still what the limits count.
    assertThat(ClientAddress.network(LOCAL.decide("::1", List.of("2001:db8:1:2::99"))))
        .isEqualTo(ClientAddress.network("2001:db8:1:2:ffff::1"));
  }

  @Test
  void anEntryThatIsNotAnAddressMeansThePeer() {
    for (String garbage : List.of("unknown", "", "client.example", "198.51.100.1:4711", "1.2.3", "256.1.1.1",
        "198.51.100.1 198.51.100.2", "_hidden", "::g")) {
      assertThat(LOCAL.decide("127.0.0.1", List.of(garbage))).as(garbage).isEqualTo("127.0.0.1");
      assertThat(LOCAL.decide("127.0.0.1", List.of("198.51.100.9, " + garbage))).as(garbage).isEqualTo("127.0.0.1");
    }
    assertThat(LOCAL.decide("127.0.0.1", List.of("198.51.100.1,"))).isEqualTo("127.0.0.1");
    // Garbage left of the client is the client's own business.
    assertThat(LOCAL.decide("127.0.0.1", List.of("unknown, 198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(LOCAL.decide(null, List.of("198.51.100.1"))).isEqualTo(ClientAddress.UNKNOWN);
  }

  @Test
  void theSettingTakesAddressesAndRangesAndNamesAWrongOne() {
    ServerConfig c = ServerConfig.from(new String[] {"--trusted-proxies=127.0.0.1, ::1,10.0.0.0/8"}, Map.of());
    assertThat(c.trustedProxies()).containsExactly("127.0.0.1", "::1", "10.0.0.0/8");
    assertThat(ServerConfig.defaults().trustedProxies()).isEmpty();
    assertThat(ServerConfig.from(new String[0], Map.of("PEERWORK_TRUSTED_PROXIES", "fd00::/8")).trustedProxies())
        .containsExactly("fd00::/8");
    for (String wrong : List.of("proxy.internal", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "1.2.3.4:80")) {
      assertThatThrownBy(() -> ServerConfig.from(new String[] {"--trusted-proxies=" + wrong}, Map.of()))
          .as(wrong).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--trusted-proxies");
    }
  }
}
