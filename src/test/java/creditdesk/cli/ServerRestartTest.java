package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.db.ConnectionSettings;
import creditdesk.db.EmbeddedDatabase;
import creditdesk.db.Migrations;
import creditdesk.domain.FeatureType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentResult;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.UserSearchService;
import creditdesk.testing.TestDatabase;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server restart: a cluster of this test's own is stopped and started again on the same
 * data directory and port, between commands, under a waiting grant and under a console's pool.
 * (ConnectionLossTest plays the network's part with a relay and pg_terminate_backend.)
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerRestartTest {
  private static final String DATABASE = "cd_restart";
  private static final Pattern KEY = Pattern.compile("idempotency key (\\S+) \\(run again");

  @TempDir static Path clusterDir;
  private static EmbeddedDatabase server;
  private static EmbeddedDatabase.ServerOptions options =
      EmbeddedDatabase.ServerOptions.DEFAULTS
          // A throw-away cluster: durability is not what is tested, speed is wanted.
          .withConfig("fsync", "off")
          .withConfig("synchronous_commit", "off")
          .withConfig("full_page_writes", "off");
  private static String admin;

  @TempDir Path home;

  @BeforeAll
  static void startOwnCluster() {
    start();
    // The next starts reuse the port: clients that knew the server find it again.
    options = options.withPort(server.port());
    new Migrations(server.ownerDataSource()).migrate();
    admin = db().createStaff(StaffRole.ADMIN);
  }

  @AfterAll
  static void stopOwnCluster() {
    stop();
  }

  @BeforeEach
  void serverUpAndSmallBounds() {
    if (server == null) {
      start();
    }
    System.setProperty("creditdesk.socketTimeoutSeconds", "3");
    System.setProperty("creditdesk.connectTimeoutSeconds", "2");
  }

  @AfterEach
  void clearBounds() {
    System.clearProperty("creditdesk.socketTimeoutSeconds");
    System.clearProperty("creditdesk.connectTimeoutSeconds");
  }

  private static void start() {
    server = EmbeddedDatabase.start(clusterDir, DATABASE, false, options);
  }

  /** A fast shutdown, as systemd or a DBA does it: every session ended, then the server gone. */
  private static void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private static void restart() {
    int port = options.port();
    stop();
    assertThat(accepts(port)).as("the server is down").isFalse();
    start();
    assertThat(server.port()).isEqualTo(port);
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("localhost", port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static TestDatabase db() {
    return TestDatabase.in(server, DATABASE);
  }

  private static String url() {
    return "jdbc:postgresql://localhost:" + options.port() + "/" + DATABASE;
  }

  private CliRunner.Result as(String... args) {
    String[] all = Stream.concat(Stream.of(args),
        Stream.of("--db-url", url(), "--db-user", admin)).toArray(String[]::new);
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).run(all);
  }

  private record Timed(CliRunner.Result result, Duration took) {}

  private Timed timed(String... args) {
    long start = System.nanoTime();
    CliRunner.Result r = as(args);
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

  private static long ledgerRows(UUID user) {
    return db().count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + user + "'");
  }

  private static long ledgerRowsWithKey(String key) {
    return db().count("SELECT count(*) FROM \"CreditTransaction\""
        + " WHERE metadata->>'idempotencyKey' = '" + key + "'");
  }

  /** The key line, then one line: the failure, in the user's words. */
  private static String failureLine(CliRunner.Result r, String key) {
    List<String> lines = r.errLines();
    assertThat(lines).as(r.err()).hasSize(2);
    assertThat(lines.get(0)).contains("idempotency key " + key);
    assertThat(lines.get(1)).doesNotContain("Exception", "SELECT", "select", "\tat ");
    return lines.get(1);
  }

  @Test
  void aCommandAfterARestartWorks() {
    UUID user = db().insertUser("between@example.com", 20, 20);
    CliRunner.Result before = as("show", "--user", user.toString());
    assertThat(before.exitCode()).as(before.err()).isZero();

    restart();

    CliRunner.Result r = as(grant(user));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Applied grant of 7", "20 -> 27");
    assertThat(r.errLines()).singleElement().asString().contains("idempotency key");
    assertThat(db().balance(user, "free_credits")).isEqualTo(27);
    assertThat(ledgerRows(user)).isEqualTo(1);
  }

  @Test
  void aGrantWhileTheServerIsDownFailsAtOnceAndItsKeyAppliesItOnceWhenTheServerIsBack() {
    UUID user = db().insertUser("down@example.com", 20, 20);
    stop();

    Timed down = timed(grant(user));
    assertThat(down.result().exitCode()).as(down.result().err()).isEqualTo(5);
    assertThat(down.took()).isLessThan(Duration.ofSeconds(30));
    assertThat(down.result().out()).isEmpty();
    String key = keyOf(down.result());
    assertThat(failureLine(down.result(), key)).contains("localhost:" + options.port());

    start();
    assertThat(db().balance(user, "free_credits")).as("nothing applied").isEqualTo(20);
    assertThat(ledgerRows(user)).isZero();

    CliRunner.Result retry = as(grant(user, "--idempotency-key", key));
    assertThat(retry.exitCode()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("Applied grant of 7", key, "20 -> 27");
    CliRunner.Result again = as(grant(user, "--idempotency-key", key));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Already applied", "20 -> 27");
    assertThat(db().balance(user, "free_credits")).isEqualTo(27);
    assertThat(ledgerRowsWithKey(key)).isEqualTo(1);
  }

  @Test
  void aConsoleSessionCarriesOnAfterARestart() {
    UUID user = db().insertUser("console@example.com", 20, 20);
    try (StaffSession console = new LoginService().login(new ConnectionSettings(
        url(), admin, TestDatabase.STAFF_PASSWORD.toCharArray(), false))) {
      UserSearchService search = new UserSearchService(console.sessionFactory());
      AdjustmentService adjustments = new AdjustmentService(console.dataSource());
      assertThat(search.search("console@", 0).users()).hasSize(1);
      adjustments.apply(AdjustmentRequest.grant(
          user, FeatureType.DOCUMENT_GENERATION, 1, "before the restart", null, "restart-before"));

      restart();

      // The pool's connections all died with the server. Hikari checks an idle connection before
      // handing it out, except one used in the last 500 ms (its alive-bypass window): a call that
      // soon after the restart gets the dead one and fails with one sentence, and the pool drops
      // it, so the user's "try again" works.
      try {
        assertThat(search.search("console@", 0).users()).hasSize(1);
      } catch (DatabaseUnavailableException withinTheBypassWindow) {
        assertThat(withinTheBypassWindow.getMessage()).isEqualTo("The database ended the"
            + " connection (it is shutting down or restarting, or an administrator ended the"
            + " session); try again.");
      }
      assertThat(search.search("console@", 0).users()).hasSize(1);
      AdjustmentResult after = adjustments.apply(AdjustmentRequest.grant(
          user, FeatureType.DOCUMENT_GENERATION, 7, "after the restart", null, "restart-after"));
      assertThat(after.replayed()).isFalse();
      assertThat(after.balanceBefore()).isEqualTo(21);
      assertThat(after.balanceAfter()).isEqualTo(28);
    }
    assertThat(db().balance(user, "free_credits")).isEqualTo(28);
    assertThat(ledgerRows(user)).isEqualTo(2);
  }

  @Test
  void aGrantWaitingWhenTheServerStopsSaysItMayHaveBeenAppliedAndItsKeyAppliesAtMostOnce()
      throws Exception {
    UUID user = db().insertUser("mid-grant@example.com", 20, 20);
    ExecutorService cli = Executors.newSingleThreadExecutor();
    try (Connection lock = db().ownerConnection()) {
      // Another transaction holds the user's row, so the grant waits inside creditdesk.adjust.
      lock.setAutoCommit(false);
      try (PreparedStatement s =
          lock.prepareStatement("SELECT 1 FROM \"User\" WHERE id = ? FOR UPDATE")) {
        s.setObject(1, user);
        s.executeQuery().close();
      }
      long started = System.nanoTime();
      Future<CliRunner.Result> running = cli.submit(() -> as(grant(user)));
      awaitAdminWaitingForALock(running);

      stop();

      CliRunner.Result r = running.get(30, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      assertThat(r.exitCode()).as(r.err()).isEqualTo(5);
      assertThat(r.out()).isEmpty();
      String key = keyOf(r);
      assertThat(failureLine(r, key))
          .contains("may have been applied; run again with --idempotency-key " + key);

      start();
      // The fast shutdown rolled back both transactions: the grant was not applied.
      assertThat(ledgerRowsWithKey(key)).isZero();
      assertThat(db().balance(user, "free_credits")).isEqualTo(20);

      CliRunner.Result retry = as(grant(user, "--idempotency-key", key));
      assertThat(retry.exitCode()).as(retry.err()).isZero();
      assertThat(retry.out()).contains("Applied grant of 7", "20 -> 27");
      CliRunner.Result again = as(grant(user, "--idempotency-key", key));
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out()).contains("Already applied");
      assertThat(ledgerRowsWithKey(key)).isEqualTo(1);
      assertThat(db().balance(user, "free_credits")).isEqualTo(27);
    } finally {
      cli.shutdownNow();
    }
  }

  /** Polls until the admin's grant is blocked on a lock (bounded; fails if the CLI ended). */
  private static void awaitAdminWaitingForALock(Future<?> running) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (running.isDone()) {
        throw new AssertionError("the grant ended before it waited for the row lock");
      }
      if (db().count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
          + " AND usename = '" + admin + "'") > 0) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the grant never waited for the row lock");
  }
}
