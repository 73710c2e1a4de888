package io.peerwork.server.internal;

import io.peerwork.core.Command;
import io.peerwork.core.ParticipantId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A client's frame as {@link ClientFrames} read it: typed, with the frame's {@code id}. */
sealed interface ClientFrame {

  /** The frame's id, which the answer names; empty only for a frame whose id could not be read. */
  Optional<String> frameId();

  /** {@code Ping}: answered with {@code pong}. */
  record Ping(String id) implements ClientFrame {
    @Override
    public Optional<String> frameId() {
      return Optional.of(id);
    }
  }

  /** {@code Resync}: the client's view went astray; answered with a whole {@code view}, then an {@code ack}. */
  record Resync(String id) implements ClientFrame {
    @Override
    public Optional<String> frameId() {
      return Optional.of(id);
    }
  }

  /** {@code Chat}: a line of 1 to 500 characters, stripped. */
  record ChatLine(String id, String text) implements ClientFrame {
    @Override
    public Optional<String> frameId() {
      return Optional.of(id);
    }
  }

  /** {@code Cheer}: to one person, or to everyone. */
  record Cheer(String id, Optional<ParticipantId> to) implements ClientFrame {
    @Override
    public Optional<String> frameId() {
      return Optional.of(id);
    }
  }

  /**
   * {@code SetTaskResources}: an expert or host sets the resources of one task for the session's
   * series, as written (their checks are core's, on the series).
   */
  record SetResources(String id, String taskId, List<ResourceInput> resources) implements ClientFrame {
    public SetResources {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(taskId, "taskId");
      resources = List.copyOf(resources);
    }

    @Override
    public Optional<String> frameId() {
      return Optional.of(id);
    }
  }

  /**
   * One resource of a {@code SetTaskResources} frame, as the client wrote it: each text by language
   * (a text written once has the same in {@code de} and {@code en}).
   */
  record ResourceInput(Map<String, String> title, Optional<String> link, List<Map<String, String>> checklist) {
    public ResourceInput {
      title = Map.copyOf(title);
      Objects.requireNonNull(link, "link");
      checklist = List.copyOf(checklist);
    }
  }

  /** A command for the session, its actor the token's person. */
  record Act(String id, Command command) implements ClientFrame {
    public Act {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(command, "command");
    }

    @Override
    public Optional<String> frameId() {
      return Optional.of(id);
    }

    /** The command's type name, as the frame named it. */
    String type() {
      return command.getClass().getSimpleName();
    }
  }

  /** A frame that cannot be carried out, with the code and message of its {@code error} answer. */
  record Invalid(Optional<String> frameId, ApiError.Code code, String message) implements ClientFrame {
    public Invalid {
      Objects.requireNonNull(frameId, "frameId");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
