package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.db.ConnectionSettings;
import creditdesk.domain.StaffRole;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.UserSearchService;
import creditdesk.testing.TcpRelay;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands on a bad network: a relay between the CLI and the database black-holes, drops the
 * server's answers or has the server end the session at one exact step. Every such failure is
 * exit code 5 with one line (plus, for a write, the line naming its key), in bounded time, and a
 * write retried with the printed key applies once.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionLossTest {
  /** In every read of a user (creditdesk.persistence.UserRows). */
  private static final String USER_READ = "FROM public.\"User\" u";
  private static final Pattern KEY = Pattern.compile("idempotency key (\\S+) \\(run again");

  @TempDir Path home;
  @TempDir Path dir;

  private final TestDatabase db = TestPostgres.newDatabase();
  private final String admin = db.createStaff(StaffRole.ADMIN);
  private TcpRelay relay;

  @BeforeEach
  void relay() throws IOException {
    relay = new TcpRelay(TestPostgres.cluster().port());
    // Small bounds keep the test fast; realDefaultsEndAGrantOnASilentNetworkWithin30Seconds
    // checks the shipped figures.
    System.setProperty("creditdesk.socketTimeoutSeconds", "3");
    System.setProperty("creditdesk.connectTimeoutSeconds", "2");
    System.setProperty("creditdesk.exportSilenceSeconds", "3");
  }

  @AfterEach
  void close() {
    System.clearProperty("creditdesk.socketTimeoutSeconds");
    System.clearProperty("creditdesk.connectTimeoutSeconds");
    System.clearProperty("creditdesk.exportSilenceSeconds");
    relay.close();
  }

  private CliRunner.Result as(String login, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--db-url";
    all[args.length + 1] = relay.through(db.jdbcUrl());
    all[args.length + 2] = "--db-user";
    all[args.length + 3] = login;
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).run(all);
  }

  private record Timed(CliRunner.Result result, Duration took) {}

  private Timed timed(String login, String... args) {
    long start = System.nanoTime();
    CliRunner.Result r = as(login, args);
    return new Timed(r, Duration.ofNanos(System.nanoTime() - start));
  }

  private static String[] grant(UUID user, String... more) {
    return Stream.concat(
            Stream.of("grant", "--user", user.toString(), "--amount", "7",
                "--feature", "document_generation", "--reason", "goodwill"),
            Stream.of(more))
        .toArray(String[]::new);
  }

  private static String keyOf(CliRunner.Result r) {
    Matcher m = KEY.matcher(r.err());
    assertThat(m.find()).as("key line in: %s", r.err()).isTrue();
    return m.group(1);
  }

  private long ledgerRows(UUID user) {
    return db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + user + "'");
  }

  /** The server ends every session of {@code login} (and waits until they are gone). */
  private void terminate(String login) {
    try (Connection c = db.ownerConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                + " WHERE usename = ? AND pid <> pg_backend_pid()")) {
      s.setString(1, login);
      s.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key line first, then one line saying the write may have been applied, with the key. */
  private static void saysMayHaveBeenApplied(CliRunner.Result r, String key) {
    List<String> lines = r.errLines();
    assertThat(lines).as(r.err()).hasSize(2);
    assertThat(lines.get(0)).contains("idempotency key " + key);
    assertThat(lines.get(1))
        .contains("may have been applied; run again with --idempotency-key " + key)
        .doesNotContain("Exception", "SELECT", "\tat ");
  }

  @Test
  void grantBlackHoledBeforeTheCallEndsInTimeWithTheKeyAndTheRetryAppliesOnce() {
    UUID user = db.insertUser("hole-before@example.com", 20, 20);
    relay.whenClientSends("creditdesk.adjust", relay::blackHole);

    Timed first = timed(admin, grant(user));
    assertThat(first.result().exitCode()).as(first.result().err()).isEqualTo(5);
    assertThat(first.took()).isLessThan(Duration.ofSeconds(15));
    String key = keyOf(first.result());
    saysMayHaveBeenApplied(first.result(), key);
    assertThat(db.balance(user, "free_credits")).as("never reached the server").isEqualTo(20);

    relay.resume();
    CliRunner.Result retry = as(admin, grant(user, "--idempotency-key", key));
    assertThat(retry.exitCode()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("Applied", key);
    CliRunner.Result again = as(admin, grant(user, "--idempotency-key", key));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Already applied");
    assertThat(db.balance(user, "free_credits")).isEqualTo(27);
    assertThat(ledgerRows(user)).isEqualTo(1);
  }

  @Test
  void grantWhoseAnswerIsLostAfterTheCommitNamesTheKeyAndTheRetryDoesNotApplyTwice() {
    UUID user = db.insertUser("hole-after@example.com", 20, 20);
    relay.whenClientSends("creditdesk.adjust", relay::dropReplies);

    Timed first = timed(admin, grant(user));
    assertThat(first.result().exitCode()).as(first.result().err()).isEqualTo(5);
    assertThat(first.took()).isLessThan(Duration.ofSeconds(15));
    String key = keyOf(first.result());
    saysMayHaveBeenApplied(first.result(), key);
    assertThat(db.balance(user, "free_credits")).as("the server committed").isEqualTo(27);

    relay.resume();
    CliRunner.Result retry = as(admin, grant(user, "--idempotency-key", key));
    assertThat(retry.exitCode()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("Already applied", key, "20 -> 27");
    assertThat(db.balance(user, "free_credits")).as("20 -> 27, never 34").isEqualTo(27);
    assertThat(ledgerRows(user)).isEqualTo(1);
  }

  @Test
  void realDefaultsEndAGrantOnASilentNetworkWithin30Seconds() {
    System.clearProperty("creditdesk.socketTimeoutSeconds");
    System.clearProperty("creditdesk.connectTimeoutSeconds");
    UUID user = db.insertUser("hole-default@example.com", 20, 20);
    relay.whenClientSends("creditdesk.adjust", relay::blackHole);

    Timed first = timed(admin, grant(user));
    assertThat(first.result().exitCode()).as(first.result().err()).isEqualTo(5);
    assertThat(first.took()).isLessThan(Duration.ofSeconds(30));
    saysMayHaveBeenApplied(first.result(), keyOf(first.result()));
  }

  @Test
  void schemaCheckOnASilentNetworkIsUnreachableNotASchemaProblem() {
    String analyst = db.createStaff(StaffRole.ANALYST);
    relay.whenClientSends("flyway_schema_history", relay::blackHole);

    Timed r = timed(analyst, "export", "--from", "2026-03-01", "--to", "2026-03-02",
        "--out", dir.resolve("x.csv").toString());
    assertThat(r.result().exitCode()).as(r.result().err()).isEqualTo(5);
    assertThat(r.took()).isLessThan(Duration.ofSeconds(15));
    assertThat(r.result().errLines()).as(r.result().err()).singleElement().asString()
        .doesNotContain("schema", "Exception", "\tat ");
  }

  @Test
  void theServerEndingTheSessionAtLoginSchemaCheckOrReadIsExitCode5() {
    UUID user = db.insertUser("terminated@example.com", 20, 20);
    // The login's first query, Flyway's schema check, the read of the user.
    for (String step : List.of("session_user", "flyway_schema_history", USER_READ)) {
      AtomicBoolean hit = new AtomicBoolean();
      relay.whenClientSends(step, () -> {
        hit.set(true);
        terminate(admin);
      });
      CliRunner.Result r = as(admin, grant(user));
      assertThat(hit).as(step).isTrue();
      assertThat(r.exitCode()).as(step + ": " + r.err()).isEqualTo(5);
      assertThat(r.errLines()).as(step).hasSize(2);
      assertThat(r.errLines().get(1)).as(step).doesNotContain("Exception", "select", "\tat ");
    }
    assertThat(db.balance(user, "free_credits")).isEqualTo(20);
  }

  @Test
  void theServerEndingTheSessionAtTheAdjustmentAppliesItOnce() {
    UUID user = db.insertUser("terminated-call@example.com", 20, 20);
    relay.whenClientSends("creditdesk.adjust", () -> terminate(admin));
    CliRunner.Result r = as(admin, grant(user));
    // Retried at once on a new connection with the same key, or exit 5 naming it.
    if (r.exitCode() == 5) {
      saysMayHaveBeenApplied(r, keyOf(r));
      CliRunner.Result retry = as(admin, grant(user, "--idempotency-key", keyOf(r)));
      assertThat(retry.exitCode()).as(retry.err()).isZero();
    } else {
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    assertThat(db.balance(user, "free_credits")).isEqualTo(27);
    assertThat(ledgerRows(user)).isEqualTo(1);
  }

  @Test
  void exportBlackHoledMidStreamFailsWithinTheSilenceBoundAndLeavesNoFile() throws IOException {
    UUID user = db.insertUser("big-export@example.com", 20, 20);
    db.execute(
        "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata, created_at)"
            + " SELECT '" + user + "', 1, 'deduct', 'document_generation',"
            + " jsonb_build_object('title', repeat('x', 200)), TIMESTAMP '2026-03-01' + i * interval '1 second'"
            + " FROM generate_series(1, 40000) i");
    String analyst = db.createStaff(StaffRole.ANALYST);
    relay.whenClientSends("COPY", () -> relay.blackHoleAfterReplyBytes(256 * 1024));

    Path out = dir.resolve("march.csv");
    Timed r = timed(analyst, "export", "--from", "2026-03-01", "--to", "2026-03-02",
        "--out", out.toString());
    assertThat(r.result().exitCode()).as(r.result().err()).isEqualTo(5);
    assertThat(r.took()).isLessThan(Duration.ofSeconds(15));
    assertThat(r.result().errLines()).as(r.result().err()).singleElement().asString()
        .doesNotContain("Exception", "\tat ");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).as("no file, no .part").isEmpty();
    }
  }

  @Test
  void afterEverySessionEndedAsARestartEndsThemCommandsAndALongLivedSessionCarryOn() {
    UUID user = db.insertUser("restarted@example.com", 20, 20);
    try (StaffSession console = new LoginService().login(new ConnectionSettings(
        relay.through(db.jdbcUrl()), admin, TestDatabase.STAFF_PASSWORD.toCharArray(), false))) {
      UserSearchService search = new UserSearchService(console.sessionFactory());
      assertThat(search.search("restarted@", 0).users()).hasSize(1);

      // What a restart does to clients: every session ended (57P01), every socket closed.
      terminate(admin);
      relay.cutAll();
      CliRunner.Result r = as(admin, grant(user));
      assertThat(r.exitCode()).as(r.err()).isZero();
      // The console's pool finds its connections dead and makes new ones, except one used in the
      // last 500 ms (Hikari's alive-bypass window): a search that soon gets the dead one, fails
      // with one sentence, and the pool drops it, so the user's "try again" works.
      try {
        assertThat(search.search("restarted@", 0).users()).hasSize(1);
      } catch (DatabaseUnavailableException withinTheBypassWindow) {
        assertThat(withinTheBypassWindow.getMessage()).startsWith("The database ended the connection");
        assertThat(search.search("restarted@", 0).users()).hasSize(1);
      }
    }
    assertThat(db.balance(user, "free_credits")).isEqualTo(27);
  }

  @Test
  void aCommittedRefundWhoseReadBackFailsIsPrintedWithoutItAndExitsZero() {
    UUID user = db.insertUser("read-back@example.com", 20, 20);
    UUID deduction = db.webAppDeduct(user, "document_generation", 3);
    // The refund names no user: the first read of one is the read-back after the commit.
    AtomicBoolean hit = new AtomicBoolean();
    relay.whenClientSends(USER_READ, () -> {
      hit.set(true);
      relay.blackHole();
    });

    Timed r = timed(admin, "refund", "--transaction", deduction.toString(), "--reason", "failed");
    assertThat(hit).as("the read-back was black-holed").isTrue();
    assertThat(r.result().exitCode()).as(r.result().err()).isZero();
    assertThat(r.result().out()).contains("Applied refund of 3", user.toString());
    assertThat(r.result().errLines()).singleElement().asString().contains("idempotency key");
    assertThat(r.took()).isLessThan(Duration.ofSeconds(20));
    assertThat(db.balance(user, "free_credits")).isEqualTo(20);
  }
}
