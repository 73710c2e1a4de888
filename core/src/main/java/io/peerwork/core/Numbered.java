package io.peerwork.core;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Values in the order they were added, each under a key; the storage behind a session's goals and
 * help requests. Immutable: {@link Editor} changes a copy.
 *
 * <p>The decider numbers goals {@code g1, g2, ...} and requests {@code r1, r2, ...} in the order
 * they come, so while every key is the canonical {@code prefix + position} (the usual case, called
 * dense here) a key is found by its number alone and a new one is known to be new without a search.
 * Any other key (an event written by hand or by an older version) is still found, by a scan. This
 * keeps each accepted command to one array copy of references, where a map copied per command had
 * cost a node per entry.
 *
 * @param <K> the key
 * @param <V> the value, which knows its key
 */
final class Numbered<K, V> {
  private static final Object[] NONE = {};

  private final String prefix;
  private final Function<K, String> keyText;
  private final Function<V, K> keyOf;
  /** Never written after construction; may be longer than {@link #size}. */
  private final Object[] values;
  private final int size;
  private final boolean dense;

  private Numbered(String prefix, Function<K, String> keyText, Function<V, K> keyOf, Object[] values,
      int size, boolean dense) {
    this.prefix = prefix;
    this.keyText = keyText;
    this.keyOf = keyOf;
    this.values = values;
    this.size = size;
    this.dense = dense;
  }

  static <K, V> Numbered<K, V> empty(String prefix, Function<K, String> keyText, Function<V, K> keyOf) {
    return new Numbered<>(prefix, keyText, keyOf, NONE, 0, true);
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V at(int index) {
    return (V) values[index];
  }

  /** The value under {@code key}, or null. */
  V get(K key) {
    int i = indexOf(values, size, dense, key);
    return i < 0 ? null : at(i);
  }

  /** A copy of the values, in order. */
  @SuppressWarnings("unchecked")
  List<V> list() {
    return (List<V>) List.of(Arrays.copyOf(values, size));
  }

  Editor edit() {
    return new Editor();
  }

  boolean sameValues(Numbered<?, ?> other) {
    return Arrays.equals(values, 0, size, other.values, 0, other.size);
  }

  int valuesHash() {
    int h = 1;
    for (int i = 0; i < size; i++) {
      h = 31 * h + values[i].hashCode();
    }
    return h;
  }

  /** The position {@code n} (1-based) if {@code key} reads exactly {@code prefix + n}, else 0. */
  private int number(K key) {
    String s = keyText.apply(key);
    int len = s.length();
    int from = prefix.length();
    if (len <= from || len > from + 9 || !s.startsWith(prefix) || s.charAt(from) == '0') {
      return 0;
    }
    int n = 0;
    for (int i = from; i < len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private int indexOf(Object[] in, int count, boolean allNumbered, K key) {
    int n = number(key);
    if (n >= 1 && n <= count && keyOf.apply((V) in[n - 1]).equals(key)) {
      return n - 1;
    }
    if (allNumbered) {
      // Every key is prefix + its position, and the numbered place did not hold this one.
      return -1;
    }
    for (int i = 0; i < count; i++) {
      if (keyOf.apply((V) in[i]).equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Changes a copy, made at the first change: what {@link #edit} was called on stays as it was. */
  final class Editor {
    private Object[] items = values;
    private int count = size;
    private boolean allNumbered = dense;
    private boolean copied;

    /** The value under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(K key) {
      int i = indexOf(items, count, allNumbered, key);
      return i < 0 ? null : (V) items[i];
    }

    /** Puts {@code value} under its key: in its place if the key is there, else at the end. */
    void put(V value) {
      K key = keyOf.apply(value);
      int i = indexOf(items, count, allNumbered, key);
      if (i >= 0) {
        own(0);
        items[i] = value;
        return;
      }
      own(1);
      allNumbered = allNumbered && number(key) == count + 1;
      items[count++] = value;
    }

    Numbered<K, V> build() {
      return copied ? new Numbered<>(prefix, keyText, keyOf, items, count, allNumbered) : Numbered.this;
    }

    private void own(int more) {
      if (!copied) {
        items = Arrays.copyOf(items, count + Math.max(more, 1) + (count >> 3));
        copied = true;
      } else if (count + more > items.length) {
        items = Arrays.copyOf(items, count + more + (count >> 1) + 4);
      }
    }
  }
}
