package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the registration limits count as one mailbox and as one client. */
class SeriesLimitKeysTest {
  @Test
  void addressesThatReachOneMailboxCountAsOne() {
    assertThat(RegistrationLimits.mailbox(" Anna+kitchen@Example.org ")).isEqualTo(RegistrationLimits.mailbox("anna@example.org"))
        .isEqualTo(RegistrationLimits.mailbox("ANNA+x+y@example.org")).isEqualTo("anna@example.org");
    assertThat(RegistrationLimits.mailbox("bea@example.org")).isNotEqualTo(RegistrationLimits.mailbox("anna@example.org"));
    assertThat(RegistrationLimits.mailbox("+anna@example.org")).isEqualTo("+anna@example.org");
  }

  @Test
  void anIpv6ClientCountsByItsSlash64() {
    assertThat(ClientAddress.network("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.network("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
        .isEqualTo("20010db800010002::/64");
    assertThat(ClientAddress.network("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.network("2001:db8:1:2::1"));
    assertThat(ClientAddress.network("192.0.2.7")).isEqualTo("192.0.2.7").isNotEqualTo(ClientAddress.network("192.0.2.8"));
  }
}
