package io.peerwork.guice;

import io.peerwork.core.LocalizedText;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.util.List;

/** A sound format for the plugin loader's tests, put into jars at test time. */
public class GoodFormat implements TopicFormat {
  private final TopicFormat inner;

  public GoodFormat() {
    this("good-circle");
  }

  protected GoodFormat(String id) {
    this.inner = PeerworkModuleTest.format(id);
  }

  @Override public String id() { return inner.id(); }
  @Override public LocalizedText name() { return inner.name(); }
  @Override public LocalizedText description() { return inner.description(); }
  @Override public io.peerwork.core.Agenda agenda() { return inner.agenda(); }
  @Override public List<RecurringTask> tasks() { return inner.tasks(); }
  @Override public List<HelpTopic> helpTopics() { return inner.helpTopics(); }

  /** A second sound format. */
  public static final class Other extends GoodFormat {
    public Other() {
      super("other-circle");
    }
  }

  /** A format whose id is not a valid id. */
  public static final class Invalid extends GoodFormat {
    public Invalid() {
      super("Not An Id");
    }
  }

  /** A format whose constructor fails. */
  public static final class Failing extends GoodFormat {
    public Failing() {
      super(boom());
    }

    private static String boom() {
      throw new IllegalStateException("boom: the format's texts are missing");
    }
  }
}
