package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.persistence.PersistenceUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void migratesAndValidates() throws Exception {
    Path dir = Files.createTempDirectory("cd-smoke");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, "smoke", true)) {
      new Migrations(db.ownerDataSource()).migrate();
      assertThat(new Migrations(db.ownerDataSource()).pending()).isEmpty();
      try (PersistenceUnit pu = PersistenceUnit.open(db.ownerDataSource())) {
        long n = pu.sessionFactory().fromTransaction(s ->
            s.createSelectionQuery("select count(*) from CreditTransaction", Long.class).getSingleResult());
        assertThat(n).isZero();
      }
    }
  }
}
