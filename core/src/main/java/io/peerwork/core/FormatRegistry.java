package io.peerwork.core;

import io.peerwork.core.internal.FormatChecks;
import io.peerwork.core.spi.TopicFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The topic formats an application offers, keyed by id. Immutable.
 *
 * <p>Formats are registered explicitly:
 *
 * <pre>{@code
 * FormatRegistry formats = FormatRegistry.of(new SocialMediaKitchen(), new WebsiteWorkshop());
 * }</pre>
 *
 * <p>or discovered on the class path with {@link #discover(ClassLoader)} (every jar that lists its
 * format in {@code META-INF/services/io.peerwork.core.spi.TopicFormat}). Either way, each format is
 * validated when registered and a duplicate id fails at once: {@link InvalidFormatException} lists
 * every problem of a format, {@link DuplicateFormatException} names both claimants of an id.
 */
public final class FormatRegistry {
  private final Map<String, TopicFormat> byId;

  private FormatRegistry(Map<String, TopicFormat> byId) {
    this.byId = byId;
  }

  /**
   * A registry of exactly these formats.
   *
   * @throws InvalidFormatException if a format is not valid
   * @throws DuplicateFormatException if two share an id
   */
  public static FormatRegistry of(TopicFormat... formats) {
    return of(List.of(formats));
  }

  /** A registry of exactly these formats, in this order; see {@link #of(TopicFormat...)}. */
  public static FormatRegistry of(Collection<? extends TopicFormat> formats) {
    var map = new LinkedHashMap<String, TopicFormat>();
    for (TopicFormat f : formats) {
      Objects.requireNonNull(f, "format");
      List<String> problems = validate(f);
      if (!problems.isEmpty()) {
        throw new InvalidFormatException(FormatChecks.safeId(f), problems);
      }
      TopicFormat earlier = map.putIfAbsent(f.id(), f);
      if (earlier != null) {
        throw new DuplicateFormatException(f.id(), earlier.getClass().getName(), f.getClass().getName());
      }
    }
    return new FormatRegistry(java.util.Collections.unmodifiableMap(map));
  }

  /**
   * A registry of every format that {@link ServiceLoader} finds through {@code loader}, sorted by
   * id so the order does not depend on the class path.
   */
  public static FormatRegistry discover(ClassLoader loader) {
    var found = new ArrayList<TopicFormat>();
    ServiceLoader.load(TopicFormat.class, loader).forEach(found::add);
    found.sort(java.util.Comparator.comparing(FormatChecks::safeId));
    return of(found);
  }

  /**
   * Every problem of {@code format}: malformed or duplicate ids, missing texts, an implausible
   * agenda, tasks naming help topics that do not exist, help times out of bounds (a typical help
   * of 2 to 60 minutes, time-boxes of 1 to 60 minutes or none, asking again after 0 to 60
   * minutes). Empty if the format is sound.
   */
  public static List<String> validate(TopicFormat format) {
    return FormatChecks.problems(format);
  }

  /** The format with {@code id}, if registered. */
  public Optional<TopicFormat> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The format with {@code id}.
   *
   * @throws PeerworkException if none is registered under it
   */
  public TopicFormat require(String id) {
    TopicFormat f = byId.get(id);
    if (f == null) {
      throw new PeerworkException("no topic format '" + id + "' is registered; known: " + byId.keySet());
    }
    return f;
  }

  /** Every format, in registration order. */
  public List<TopicFormat> all() {
    return List.copyOf(byId.values());
  }

  /** Every id, in registration order. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  @Override
  public String toString() {
    return "FormatRegistry" + byId.keySet();
  }
}
