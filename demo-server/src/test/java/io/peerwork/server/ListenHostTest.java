package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Test servers (and the load tests' servers) listen on loopback only: a build on a machine in a
 * shared network opens nothing to it. A server started with {@code --host} listens there.
 */
class ListenHostTest {

  @Test
  void aTestServerAnswersOnLoopbackAndIsNotReachableOnThisMachinesOtherAddresses() throws Exception {
    List<InetAddress> others = NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .collect(Collectors.toList());
    try (TestServer t = new TestServer()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(TestServer.LOOPBACK, t.server.port()), 5_000);
        assertThat(s.isConnected()).isTrue();
      }
      assertThat(t.get("/api/formats").status()).isEqualTo(200);
      assumeFalse(others.isEmpty(), "this machine has no address but loopback");
      for (InetAddress other : others) {
        assertThatThrownBy(() -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(other, t.server.port()), 5_000);
          }
        }).as("port %d on %s", t.server.port(), other).isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void onlyTheDefaultEveryInterfaceIsMovedToLoopback() {
    assertThat(TestServer.onLoopback(ServerConfig.defaults()).host()).isEqualTo("127.0.0.1");
    assertThat(TestServer.onLoopback(ServerConfig.defaults().withHost("127.0.0.2")).host()).isEqualTo("127.0.0.2");
  }
}
