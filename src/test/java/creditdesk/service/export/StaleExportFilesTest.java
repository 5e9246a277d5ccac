package creditdesk.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export killed outright leaves its .part file; the next export into the folder removes it. */
class StaleExportFilesTest {
  private static final FileTime HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

  private final TestDatabase db = TestPostgres.newDatabase();
  private final StaffSession analyst =
      new LoginService().login(db.settingsFor(db.createStaff(StaffRole.ANALYST)));

  @TempDir Path dir;

  @AfterEach
  void close() {
    analyst.close();
  }

  @Test
  void theNextExportRemovesLeftoverPartFilesAndNothingElse() throws Exception {
    Path stale = Files.writeString(dir.resolve(".ledger.csv.0123456789ab.part"), "id\n");
    Path young = Files.writeString(dir.resolve(".ledger.csv.ba9876543210.part"), "id\n");
    Path notOurs = Files.writeString(dir.resolve("movie.part"), "x");
    Path notOursHidden = Files.writeString(dir.resolve(".download.part"), "x");
    for (Path p : new Path[] {stale, notOurs, notOursHidden}) {
      Files.setLastModifiedTime(p, HOUR_AGO);
    }

    export(dir.resolve("next.csv"));

    assertThat(stale).doesNotExist();
    assertThat(young).as("may belong to an export that is just starting").exists();
    assertThat(notOurs).exists();
    assertThat(notOursHidden).exists();
    assertThat(dir.resolve("next.csv")).exists();
  }

  @Test
  void aFileHeldByARunningExportIsKeptAndRemovedOnceItsProcessIsKilled() throws Exception {
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            HoldExportTarget.class.getName(), dir.resolve("held.csv").toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Path part;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      part = Path.of(out.readLine());
      assertThat(part).exists();
      Files.setLastModifiedTime(part, HOUR_AGO);

      export(dir.resolve("first.csv"));
      assertThat(part).as("an export still writes it").exists();
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(part).as("left behind by the killed export").exists();

    export(dir.resolve("second.csv"));
    assertThat(part).doesNotExist();
  }

  private void export(Path file) {
    LocalDate day = LocalDate.of(2026, 1, 1);
    new ExportService(analyst).export(ExportRequest.ledger(ExportFilter.between(day, day)), file);
  }
}
