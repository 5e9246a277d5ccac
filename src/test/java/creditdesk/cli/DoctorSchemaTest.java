package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `creditdesk doctor` says what the web app changed under the console, one sentence each. */
class DoctorSchemaTest {
  @TempDir Path home;

  private final TestDatabase db = TestPostgres.newDatabase();
  private final String login = db.createStaff(StaffRole.SUPPORT);

  private CliRunner.Result doctor() {
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD)
        .run("--db-url", db.jdbcUrl(), "doctor", "--db-user", login);
  }

  @Test
  void newLabelsAndColumnsAreNotesAndTheConsoleStillPasses() {
    db.execute("ALTER TYPE public.feature_type ADD VALUE 'standup_generation'");
    db.execute("ALTER TYPE public.user_level ADD VALUE 'enterprise'");
    db.execute("ALTER TYPE public.operation_type ADD VALUE 'expire'");
    db.execute("ALTER TABLE public.\"User\" ADD COLUMN nickname text");
    db.execute("ALTER TABLE public.\"CreditTransaction\" ADD COLUMN request_id uuid");

    CliRunner.Result r = doctor();
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .containsPattern("labels +note +label 'standup_generation' of feature_type is new to this build:"
            + " shown as it is; its rows move credits")
        .containsPattern("labels +note +label 'enterprise' of user_level is new to this build")
        .containsPattern("labels +note +label 'expire' of operation_type is new to this build:"
            + " shown as it is; its rows count as no change to a balance")
        .containsPattern("columns +note +column \"User\".nickname is new to this build: it is not shown")
        .containsPattern("columns +note +column \"CreditTransaction\".request_id is new to this build")
        .containsPattern("mapping +ok")
        .containsPattern("role +ok +support")
        .doesNotContain("password", "stripe_customer_id");
  }

  @Test
  void aCleanDatabaseHasNoNotes() {
    CliRunner.Result r = doctor();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).containsPattern("columns +ok").containsPattern("labels +ok")
        .doesNotContain("note", "warning");
  }

  @Test
  void droppedDisplayColumnsAreOneWarningEachWithoutAStackTrace() {
    // What the web app's own history once did (needs the user read path that tolerates it).
    db.execute("ALTER TABLE public.\"User\" DROP COLUMN level, DROP COLUMN renewal_period,"
        + " DROP COLUMN last_payment, DROP COLUMN stripe_customer_id");
    db.execute("DROP TYPE public.user_level");
    db.execute("DROP TYPE public.renewal_period");

    CliRunner.Result r = doctor();
    assertThat(r.out())
        .containsPattern("columns +warning +column \"User\".level is missing: level and plan are not shown")
        .containsPattern("columns +warning +column \"User\".last_payment is missing: the plan")
        .containsPattern("columns +warning +column \"User\".renewal_period is missing: the plan is not shown")
        .doesNotContain("stripe_customer_id", "user_level", "renewal_period is new");
    assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ");
    assertThat(r.errLines()).hasSizeLessThanOrEqualTo(1);
    // Only warnings: the console works with less.
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  @Test
  void aDroppedColumnTheConsoleCannotWorkWithoutFailsWithOneSentence() {
    db.execute("ALTER TABLE public.\"CreditTransaction\" DROP COLUMN amount");

    CliRunner.Result r = doctor();
    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.out()).containsPattern("columns +warning +column \"CreditTransaction\".amount is missing:"
        + " the history, exports and adjustments do not work");
    assertThat(r.errLines()).singleElement().asString()
        .contains("The console cannot work with this database: column \"CreditTransaction\".amount is missing");
  }
}
