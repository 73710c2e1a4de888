package io.peerwork.testkit;

import io.peerwork.core.EventJournal;
import io.peerwork.core.InMemoryEventJournal;

/** Core's in-memory journal passes the journal contract. */
class InMemoryEventJournalContractTest extends EventJournalContract {
  @Override
  protected EventJournal newJournal() {
    return new InMemoryEventJournal();
  }
}
