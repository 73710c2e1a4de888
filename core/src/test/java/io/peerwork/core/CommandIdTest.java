package io.peerwork.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandIdTest {

  @Test
  void takesAnyPrintableTextOfOneTo200Characters() {
    assertThat(CommandId.of("ana/1").value()).isEqualTo("ana/1");
    assertThat(CommandId.of("x")).isEqualTo(new CommandId("x"));
    assertThat(CommandId.of("Grüße 👋 / frame 17").toString()).isEqualTo("Grüße 👋 / frame 17");
    assertThat(CommandId.of("x".repeat(CommandId.MAX_LENGTH)).value()).hasSize(200);
  }

  @Test
  void rejectsEmptyTooLongControlCharactersAndBrokenSurrogates() {
    assertThatThrownBy(() -> CommandId.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandId.of("x".repeat(201))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("201");
    assertThatThrownBy(() -> CommandId.of("ana/\n1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+000A");
    assertThatThrownBy(() -> CommandId.of("nul\u0000")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandId.of("del\u007f")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandId.of("half \ud83d")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandId.of("\udc4b half")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandId.of(null)).isInstanceOf(NullPointerException.class);
  }
}
