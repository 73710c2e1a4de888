package io.peerwork.core.series;

/**
 * How many helps one person received and gave at one date of a series, taken from that session's
 * recap ({@link SeriesCommand.RecordOutcomes}).
 *
 * @param received helps they received, from an expert or a peer (as asker or "me too")
 * @param givenAsPeer helps they gave others as a peer
 */
public record HelpTally(int received, int givenAsPeer) {
  /** Checks that both are 0 or more. */
  public HelpTally {
    if (received < 0 || givenAsPeer < 0) {
      throw new IllegalArgumentException("help counts are 0 or more: " + received + ", " + givenAsPeer);
    }
  }
}
