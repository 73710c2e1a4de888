package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV exports' cells: RFC 4180 quoting and the guard against formula injection. */
class CsvTest {
  @Test
  void aCellThatASpreadsheetWouldTakeForAFormulaGetsAnApostrophe() {
    assertThat(Csv.field("=1+1")).isEqualTo("'=1+1");
    assertThat(Csv.field("+43 1 234")).isEqualTo("'+43 1 234");
    assertThat(Csv.field("-2")).isEqualTo("'-2");
    assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.field("\t=1")).isEqualTo("'\t=1");
    assertThat(Csv.field("a=1")).isEqualTo("a=1");
    assertThat(Csv.field("")).isEmpty();
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
    assertThat(Csv.field("Grüße, Jörg")).isEqualTo("\"Grüße, Jörg\"");
    assertThat(Csv.field("sagte \"ja\"")).isEqualTo("\"sagte \"\"ja\"\"\"");
    assertThat(Csv.field("zwei\nZeilen")).isEqualTo("\"zwei\nZeilen\"");
    assertThat(Csv.field("=A1,\"x\"")).isEqualTo("\"'=A1,\"\"x\"\"\"");
  }

  @Test
  void aTableIsAByteOrderMarkAHeaderRowAndCrlfLines() {
    assertThat(new Csv(List.of("date", "reason")).row(List.of("2030-04-02", "Ostern, früher")).text())
        .isEqualTo("\uFEFFdate,reason\r\n2030-04-02,\"Ostern, früher\"\r\n");
  }
}
