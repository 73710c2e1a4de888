package io.peerwork.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what one logger writes while a test provokes failures on purpose, instead of printing
 * it: a passing build stays quiet, and the test can assert the lines it expects.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final boolean parents;
  private final java.util.logging.Level level;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture(Logger logger) {
    this.logger = logger;
    this.parents = logger.getUseParentHandlers();
    this.level = logger.getLevel();
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
    // Every record, also those below the tests' configured level (WARNING, see test-logging.properties).
    logger.setLevel(java.util.logging.Level.ALL);
  }

  /** Captures the logger of {@code type} until {@link #close}. */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(Logger.getLogger(type.getName()));
  }

  /** Captures the logger named {@code name} (a library's, whose class is not ours to name) until {@link #close}. */
  public static LogCapture named(String name) {
    return new LogCapture(Logger.getLogger(name));
  }

  /** What was logged so far. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parents);
    logger.setLevel(level);
  }
}
