package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Placement by rendezvous hashing, with a membership as a plain list: every node that sees the same
 * members picks the same owner, rooms spread evenly, and when a node comes or goes only its own
 * rooms move.
 */
class PlacementTest {
  private static final List<String> KEYS = keys(3000);

  private static List<String> keys(int n) {
    var keys = new ArrayList<String>();
    for (int i = 0; i < n; i++) {
      keys.add("s-" + Long.toString(i * 7919L + 104729L, 36));
    }
    return keys;
  }

  @Property(tries = 200)
  void theOwnerDependsOnTheMembersNotOnTheirOrder(@ForAll("keys") String key, @ForAll("members") List<String> nodes) {
    var reversed = new ArrayList<>(nodes);
    java.util.Collections.reverse(reversed);
    assertThat(Placement.owner(key, reversed)).isEqualTo(Placement.owner(key, nodes)).isIn(nodes);
  }

  @Property(tries = 100)
  void whenANodeLeavesOnlyItsRoomsMove(@ForAll("members") List<String> nodes) {
    String gone = nodes.get(0);
    List<String> rest = nodes.subList(1, nodes.size());
    for (String key : KEYS) {
      String before = Placement.owner(key, nodes);
      if (!before.equals(gone)) {
        assertThat(Placement.owner(key, rest)).as(key).isEqualTo(before);
      }
    }
  }

  @Property(tries = 100)
  void whenANodeJoinsRoomsMoveOnlyToIt(@ForAll("members") List<String> nodes) {
    var more = new ArrayList<>(nodes);
    more.add("node-new");
    for (String key : KEYS) {
      String after = Placement.owner(key, more);
      if (!after.equals("node-new")) {
        assertThat(after).as(key).isEqualTo(Placement.owner(key, nodes));
      }
    }
  }

  @Example
  void roomsSpreadEvenlyOverThreeNodes() {
    List<String> nodes = List.of("node-1", "node-2", "node-3");
    Map<String, Integer> count = new HashMap<>();
    for (String key : KEYS) {
      count.merge(Placement.owner(key, nodes), 1, Integer::sum);
    }
    assertThat(count).hasSize(3);
    assertThat(count.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150)); // a third is 1000
  }

  @Example
  void noNodesNoOwner() {
    assertThatThrownBy(() -> Placement.owner("s-1", List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<List<String>> members() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).map(s -> "node-" + s)
        .list().uniqueElements().ofMinSize(2).ofMaxSize(7);
  }
}
