package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Times a large generation; runs only when asked, e.g.
 * {@code mvn test -Dtest=DemoDataBenchmarkTest -Dcreditdesk.demoBenchmark=100000:1000000}.
 */
class DemoDataBenchmarkTest {
  @Test
  void generatesTheRequestedSize() {
    String spec = System.getProperty("creditdesk.demoBenchmark", "");
    assumeTrue(spec.matches("\\d+:\\d+"), "set -Dcreditdesk.demoBenchmark=users:rows to run");
    String[] parts = spec.split(":");
    DemoData.Size size = new DemoData.Size(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), 12);
    TestDatabase db = TestPostgres.newDatabase();
    DemoData.Summary summary = DemoData.generate(db.owner(), size, 1);
    System.out.printf(
        "demo benchmark: %,d users, %,d ledger rows in %.1f s%n",
        summary.users(), summary.ledgerRows(), summary.elapsed().toMillis() / 1000.0);
    assertThat(summary.users()).isEqualTo(size.users());
    assertThat(summary.ledgerRows()).isBetween(size.ledgerRows() * 9 / 10, size.ledgerRows() * 11 / 10);
    db.drop();
  }
}
