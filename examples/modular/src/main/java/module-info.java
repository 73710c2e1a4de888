/** An application that uses Peerwork as Java modules: it reads only what they export. */
module org.example.modular {
  requires io.peerwork.core;
  requires io.peerwork.jackson;
  requires io.peerwork.jdbc;
  requires io.peerwork.calendar;
  requires io.peerwork.guice;
}
