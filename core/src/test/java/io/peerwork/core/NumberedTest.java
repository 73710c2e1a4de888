package io.peerwork.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import net.jqwik.api.statistics.Statistics;

/**
 * The storage behind a session's goals and requests behaves exactly like the insertion-ordered map
 * it replaced, for the decider's numbered keys and for any other key an event may carry.
 */
class NumberedTest {
  /** A value that knows its key; {@code n} tells versions apart. */
  record Item(GoalId id, int n) {}

  private static Numbered<GoalId, Item> empty() {
    return Numbered.empty("g", GoalId::value, Item::id);
  }

  /** Keys the decider makes (g1, g2, ...) and keys it never makes but events may hold. */
  private static final List<String> KEYS =
      List.of("g1", "g2", "g3", "g4", "g5", "g6", "g01", "g0", "g", "goal-a", "x7", "g99", "g2x", "g-1");

  /** One put into an editor, or the end of an edit (build, then edit the result again). */
  record Op(int key, boolean numbered, boolean rebuild) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, KEYS.size() - 1),
            Arbitraries.integers().between(0, 9).map(i -> i < 8),
            Arbitraries.integers().between(0, 4).map(i -> i == 0))
        .as(Op::new)
        .list()
        .ofMaxSize(60);
  }

  @net.jqwik.api.statistics.StatisticsReport(onFailureOnly = true)
  @Property(tries = 500)
  void behavesLikeAnInsertionOrderedMap(@ForAll("ops") List<Op> ops) {
    var model = new LinkedHashMap<GoalId, Item>();
    var snapshots = new ArrayList<Map.Entry<Numbered<GoalId, Item>, List<Item>>>();
    Numbered<GoalId, Item> built = empty();
    var editor = built.edit();
    int n = 0;
    for (Op op : ops) {
      if (op.rebuild()) {
        built = editor.build();
        snapshots.add(Map.entry(built, List.copyOf(model.values())));
        editor = built.edit();
        continue;
      }
      // Mostly the key the decider would give the next value, otherwise any key of the list.
      GoalId key = op.numbered() ? GoalId.of("g" + (model.size() + 1)) : GoalId.of(KEYS.get(op.key()));
      Item item = new Item(key, ++n);
      model.put(key, item);
      editor.put(item);
      for (String k : KEYS) {
        assertThat(editor.get(GoalId.of(k))).isEqualTo(model.get(GoalId.of(k)));
      }
    }
    built = editor.build();
    assertThat(built.list()).containsExactlyElementsOf(model.values());
    assertThat(built.size()).isEqualTo(model.size());
    for (GoalId key : model.keySet()) {
      assertThat(built.get(key)).isEqualTo(model.get(key));
    }
    for (String k : KEYS) {
      assertThat(built.get(GoalId.of(k))).isEqualTo(model.get(GoalId.of(k)));
    }
    // What was built before stays as it was, though its array was the start of later edits.
    for (var s : snapshots) {
      assertThat(s.getKey().list()).containsExactlyElementsOf(s.getValue());
    }
    Statistics.label("keys").collect(built.size() == 0 ? "none"
        : model.keySet().stream().allMatch(k -> k.value().matches("g[1-9][0-9]*")) ? "numbered only" : "mixed");
  }

  @Example
  void anEditLeavesTheOriginalAlone() {
    var editor = empty().edit();
    editor.put(new Item(GoalId.of("g1"), 1));
    editor.put(new Item(GoalId.of("g2"), 2));
    Numbered<GoalId, Item> first = editor.build();

    var second = first.edit();
    second.put(new Item(GoalId.of("g1"), 3));
    second.put(new Item(GoalId.of("g3"), 4));
    Numbered<GoalId, Item> changed = second.build();

    assertThat(first.list()).extracting(Item::n).containsExactly(1, 2);
    assertThat(changed.list()).extracting(Item::n).containsExactly(3, 2, 4);
    assertThat(first.edit().build()).isSameAs(first);
    assertThat(first.sameValues(changed)).isFalse();
  }

  @Example
  void aKeyInAnotherPlaceIsStillFound() {
    var editor = empty().edit();
    editor.put(new Item(GoalId.of("g2"), 1));
    editor.put(new Item(GoalId.of("g1"), 2));
    Numbered<GoalId, Item> built = editor.build();

    assertThat(built.get(GoalId.of("g2")).n()).isEqualTo(1);
    assertThat(built.get(GoalId.of("g1")).n()).isEqualTo(2);
    assertThat(built.get(GoalId.of("g3"))).isNull();
  }
}
