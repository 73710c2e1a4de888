/**
 * Jackson for Peerwork: a Jackson module that reads and writes core's commands, events and values
 * as the documented JSON (the journals' and the wire's form). Its API hands out Jackson's
 * {@code ObjectMapper}, so reading this module reads Jackson's databind too.
 */
module io.peerwork.jackson {
  requires transitive io.peerwork.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;

  exports io.peerwork.jackson;
}
