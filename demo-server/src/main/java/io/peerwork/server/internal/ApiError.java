package io.peerwork.server.internal;

/**
 * A failure with a stable code, for HTTP responses and WebSocket error frames. Besides these,
 * rejections carry core's {@link io.peerwork.core.RejectionCode} names.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable error codes of the server (core's rejection codes come on top). */
  public enum Code {
    MALFORMED_JSON(400), UNKNOWN_TYPE(400), INVALID_COMMAND(400), INVALID_REQUEST(400), FRAME_TOO_LARGE(413),
    COMMAND_NOT_ALLOWED(403), FORBIDDEN_ACTOR(403), RATE_LIMITED(429), INVALID_TOKEN(401), TOKEN_EXPIRED(401),
    WRONG_SESSION(403), INVALID_INVITE(403), SESSION_NOT_FOUND(404), SESSION_NOT_OVER(409), UNKNOWN_FORMAT(400),
    NOT_FOUND(404), WRONG_SERIES(403), SERIES_NOT_FOUND(404),
    JOIN_RATE_LIMITED(429), INVITE_REVOKED(410), INVITE_EXHAUSTED(409),
    ROOM_UNAVAILABLE(503), SESSION_DATA_UNREADABLE(503), STORAGE_UNAVAILABLE(503), OUTCOME_UNKNOWN(503), INTERNAL(500),
    /** Every room (or series) this node may hold is in use; try again later. */
    SERVER_BUSY(503),
    /** The session has as many members as it may ever have ({@code max-members-per-session}). */
    SESSION_MEMBERS_LIMIT(409),
    /** Too many open sockets for one person or one client address. */
    TOO_MANY_CONNECTIONS(429),
    /** Too many sessions or series created from one client address within the hour. */
    CREATION_RATE_LIMITED(429),
    /** The request was not answered within {@code request-timeout-seconds}. */
    REQUEST_TIMEOUT(503),
    TOKEN_REVOKED(401), KEY_RETIRED(401),
    /** A series' stored events cannot be read (the same for a session is {@link #SESSION_DATA_UNREADABLE}). */
    SERIES_DATA_UNREADABLE(503),
    /**
     * The session's format is not installed on this server (its jar is no longer in the plugins
     * folder): the session cannot be joined until it is back.
     */
    FORMAT_MISSING(409),
    /** The server's journal cannot rewrite events, so a person's data cannot be erased (an embedding's own journal). */
    ERASURE_UNAVAILABLE(501),
    /** An erasure was asked for without confirming it with the person's own address. */
    ERASURE_NOT_CONFIRMED(400);

    private final int status;

    Code(int status) {
      this.status = status;
    }

    /** The HTTP status that goes with the code. */
    public int status() {
      return status;
    }
  }

  private final String code;
  private final int status;

  public ApiError(Code code, String message) {
    this(code.name(), code.status(), message);
  }

  public ApiError(String code, int status, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
