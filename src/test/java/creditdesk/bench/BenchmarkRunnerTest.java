package creditdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.db.ConnectionSettings;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark at smoke size: every path and baseline runs; figures are reported, not judged. */
class BenchmarkRunnerTest {
  @Test
  void smokeRunMeasuresEveryPathBesideItsBaseline() throws Exception {
    TestDatabase db = TestPostgres.newDatabase();
    List<String> log = new ArrayList<>();
    List<Measurement> results = new BenchmarkRunner(db.owner(),
        new ConnectionSettings(db.jdbcUrl(), "postgres", null, true),
        BenchmarkRunner.Options.smoke(), line -> {
          log.add(line);
          System.out.println("bench: " + line);
        }).run();
    assertThat(results).extracting(Measurement::name).anyMatch(n -> n.startsWith("user search: email"))
        .anyMatch(n -> n.startsWith("user search: name")).anyMatch(n -> n.equals("user search: exact id"))
        .anyMatch(n -> n.startsWith("history page 10 ")).anyMatch(n -> n.startsWith("grant throughput"))
        .anyMatch(n -> n.equals("login to first search result"))
        .anyMatch(n -> n.startsWith("ledger export to CSV (")).anyMatch(n -> n.equals("ledger export peak heap"))
        .anyMatch(n -> n.equals("console start to login window"))
        .anyMatch(n -> n.startsWith("web-app ledger insert with creditdesk triggers vs without, as an ordinary"))
        .anyMatch(n -> n.startsWith("web-app balance update with creditdesk triggers vs without, as the owner"));
    // Console start is left out at smoke size; everything else ran, in this JVM or a child one.
    assertThat(results).filteredOn(Measurement::isSkipped).extracting(Measurement::name)
        .containsExactly("console start to login window");
    assertThat(results).filteredOn(m -> !m.isSkipped())
        .allSatisfy(m -> assertThat(m.creditdesk()).isPositive());
    assertThat(results).filteredOn(m -> !m.isSkipped() && !m.name().startsWith("login")
            && !m.name().endsWith("peak heap") && !m.name().startsWith("ledger export"))
        .allSatisfy(m -> assertThat(m.baseline()).isPositive());
    Measurement export = results.stream().filter(m -> m.name().startsWith("ledger export to CSV ("))
        .findFirst().orElseThrow();
    // The export covers the whole ledger: at least what was generated.
    assertThat(export.name()).doesNotContain("(0 rows)");
    if (ExportComparison.findPsql().isPresent()) {
      assertThat(export.baseline()).isPositive();
    } else {
      assertThat(export.note()).contains("psql not found");
    }
    Measurement heap = results.stream().filter(m -> m.name().equals("ledger export peak heap"))
        .findFirst().orElseThrow();
    assertThat(heap.creditdesk()).isLessThan(256);
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE metadata->>'reason' = 'benchmark grant'"))
        .isPositive();
    assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'creditdesk\\_%' AND tgenabled <> 'O'"))
        .as("triggers enabled again").isZero();
    assertThat(db.count("SELECT count(*) FROM \"User\" WHERE free_credits < 0 OR free_chat_messages < 0")).isZero();
  }

  @Test
  void sizesOverrideOnlyTheData() {
    BenchmarkRunner.Options full = BenchmarkRunner.Options.full();
    BenchmarkRunner.Options smaller = full.withSizes(2_000, 50_000L);
    assertThat(smaller.users()).isEqualTo(2_000);
    assertThat(smaller.ledgerRows()).isEqualTo(50_000L);
    assertThat(smaller.depths()).containsExactly(1, 100, 10_000);
    assertThat(full.withSizes(null, null)).usingRecursiveComparison().isEqualTo(full);
  }

  @Test
  void skippedAndFailedLinesSayWhyWithoutFigures() {
    String table = BenchmarkReport.table(List.of(
        new Measurement("a", "ms", 2, 4, "baseline"),
        Measurement.skipped("console start to login window", "no display"),
        Measurement.failed("ledger export to CSV", "psql failed")));
    assertThat(table).contains("| a | ms | 2.00 | 4.00 | 2.00× | baseline |")
        .contains("| console start to login window |  | — | — | — | skipped: no display |")
        .contains("| ledger export to CSV |  | — | — | — | failed: psql failed |");
  }

  @Test
  void medianAndPercentile() {
    assertThat(Measurement.median(new double[] {5, 1, 3})).isEqualTo(3);
    assertThat(Measurement.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Measurement.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 100}, 99)).isEqualTo(100);
  }
}
