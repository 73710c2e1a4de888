package io.peerwork.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of a test server that can go silent: {@link #freeze()} stops forwarding bytes
 * in both directions without closing anything (a network that stopped delivering, the case a
 * browser does not notice by itself: its socket stays "open"); new connections hang unanswered.
 * {@link #thaw()} delivers what was held and goes on. A page loaded through the proxy opens its
 * WebSocket through it too (the page builds the socket's address from its own).
 */
final class FreezingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final Object lock = new Object();
  private boolean frozen;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "freezing-proxy");
    t.setDaemon(true);
    return t;
  });

  /** A proxy on a free port of the loopback address, to {@code targetPort} there. */
  FreezingProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::accept);
  }

  /** The base URL of the proxy, e.g. {@code http://127.0.0.1:41234}. */
  String base() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** From now on nothing is forwarded, and nothing is closed. */
  void freeze() {
    synchronized (lock) {
      frozen = true;
    }
  }

  /** Forwards again, first what was held. */
  void thaw() {
    synchronized (lock) {
      frozen = false;
      lock.notifyAll();
    }
  }

  private void awaitThawed() throws InterruptedException {
    synchronized (lock) {
      while (frozen) {
        lock.wait();
      }
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        threads.submit(() -> connect(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void connect(Socket client) {
    try {
      awaitThawed(); // a connection made while the network is gone gets no answer
      Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
      sockets.add(upstream);
      threads.submit(() -> pump(client, upstream));
      pump(upstream, client);
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        awaitThawed();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    thaw();
    listener.close();
    sockets.forEach(FreezingProxy::closeQuietly);
    threads.shutdownNow();
  }
}
