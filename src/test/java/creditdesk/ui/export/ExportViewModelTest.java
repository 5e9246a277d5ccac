package creditdesk.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportProgress;
import creditdesk.service.export.ExportReport;
import creditdesk.service.export.ExportService;
import creditdesk.service.search.UserResolver;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export screen's state and behaviour, without a toolkit, on a real database. */
class ExportViewModelTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final StaffSession session =
      new LoginService().login(db.settingsFor(db.createStaff(StaffRole.ANALYST)));
  private final List<Path> opened = new ArrayList<>();
  private final ExportViewModel vm = new ExportViewModel(new ExportService(session),
      new UserResolver(session), new CurrentThreadTaskExecutor(), opened::add,
      Clock.fixed(Instant.parse("2026-03-20T23:30:00Z"), ZoneOffset.UTC));

  @TempDir Path dir;

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void offersTheFeaturesAndOperationsTheDatabaseHadAtLogin() {
    assertThat(vm.featureChoices()).isEqualTo(FeatureType.known());
    assertThat(vm.operationChoices()).isEqualTo(OperationType.known());
    db.execute("ALTER TYPE public.feature_type ADD VALUE 'standup_generation'");
    try (StaffSession later = new LoginService().login(db.settingsFor(db.createStaff(StaffRole.ANALYST)))) {
      ExportViewModel laterVm = new ExportViewModel(new ExportService(later), new UserResolver(later),
          new CurrentThreadTaskExecutor(), opened::add, Clock.systemUTC());
      assertThat(laterVm.featureChoices()).endsWith(FeatureType.fromDb("standup_generation"));
    }
  }

  @Test
  void startsWithThisMonthInUtcAndSaysWhatIsMissing() {
    assertThat(vm.fromProperty().get()).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(vm.toProperty().get()).isEqualTo(LocalDate.of(2026, 3, 20));
    assertThat(vm.getProblem()).isEqualTo("Choose a file to export to.");
    assertThat(vm.isCanExport()).isFalse();
    vm.fileProperty().set(dir.resolve("x.csv").toString());
    assertThat(vm.isCanExport()).isTrue();
    vm.toProperty().set(null);
    assertThat(vm.getProblem()).isEqualTo("Choose the first and the last day.");
    assertThat(vm.suggestedFileName()).isEqualTo("ledger-2026-03-01-to-null.csv");
  }

  @Test
  void exportsAndOpensTheFolder() throws Exception {
    java.util.UUID user = db.insertUser("vm@example.com", 10, 10);
    db.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, created_at)"
        + " VALUES ('" + user + "', 1, 'deduct', 'document_generation', '2026-03-05 12:00:00'),"
        + " ('" + user + "', 1, 'grant', 'document_generation', '2026-03-05 12:00:00')");
    vm.fileProperty().set(dir.resolve("one.csv").toString());
    vm.userProperty().set("vm@example.com");
    vm.operationProperty().set(OperationType.DEDUCT);
    vm.includeEmailProperty().set(true);
    vm.export();
    assertThat(vm.getError()).isEmpty();
    assertThat(vm.isDone()).isTrue();
    assertThat(vm.isRunning()).isFalse();
    assertThat(vm.getStatus()).matches("Exported 1 row to one\\.csv in \\d+\\.\\d s\\.");
    assertThat(Files.readString(dir.resolve("one.csv"))).contains("vm@example.com");
    vm.openFolder();
    assertThat(opened).containsExactly(dir);
  }

  @Test
  void failuresAreOneSentenceAndDailyUsageDropsTheEmail() {
    vm.fileProperty().set(dir.resolve("x.csv").toString());
    vm.userProperty().set("nobody@example.com");
    vm.export();
    assertThat(vm.getError()).isEqualTo("No user with email nobody@example.com.");
    assertThat(vm.isHasError()).isTrue();
    assertThat(vm.isDone()).isFalse();

    vm.includeEmailProperty().set(true);
    vm.reportProperty().set(ExportReport.DAILY_USAGE);
    assertThat(vm.isEmailPossible()).isFalse();
    assertThat(vm.includeEmailProperty().get()).isFalse();
    assertThat(vm.suggestedFileName()).startsWith("daily-usage-");
  }

  @Test
  void progressReadsLikeASentence() {
    assertThat(ExportViewModel.describe(new ExportProgress(0, 1_000_000, 0, Duration.ZERO)))
        .isEqualTo("0 of about 1,000,000 rows");
    assertThat(ExportViewModel.describe(new ExportProgress(250_000, 1_000_000, 0, Duration.ofSeconds(5))))
        .isEqualTo("250,000 of about 1,000,000 rows · 50,000 rows/s · about 15 s left");
    assertThat(ExportViewModel.describe(new ExportProgress(2_000, -1, 0, Duration.ofSeconds(1))))
        .isEqualTo("2,000 rows · 2,000 rows/s");
    assertThat(ExportViewModel.describe(new ExportProgress(10_000, 9_000, 0, Duration.ofSeconds(1))))
        .isEqualTo("10,000 of about 10,000 rows · 10,000 rows/s");
  }
}
