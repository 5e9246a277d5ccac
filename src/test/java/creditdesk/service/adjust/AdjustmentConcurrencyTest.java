package creditdesk.service.adjust;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.domain.StaffRole;
import creditdesk.testing.KillAfterExecuteDataSource;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Adjustments racing each other and the web app's own statements, on a real database. */
class AdjustmentConcurrencyTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final String admin = db.createStaff(StaffRole.ADMIN);
  private final HikariDataSource pool = Pools.open(db.settingsFor(admin), "admin", 60);
  private final AdjustmentService service = new AdjustmentService(pool);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void close() {
    threads.shutdownNow();
    pool.close();
  }

  @Test
  void fiftyConcurrentSubmissionsOfOneKeyApplyOnce() throws Exception {
    UUID user = db.insertUser("fifty@example.com", 10, 20);
    AdjustmentRequest request = AdjustmentRequest.grant(
        user, FeatureType.DOCUMENT_GENERATION, 3, "one click, fifty submits", null, "k-fifty");
    CountDownLatch start = new CountDownLatch(1);
    List<Future<AdjustmentResult>> results = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      results.add(threads.submit(() -> {
        start.await();
        return service.apply(request);
      }));
    }
    start.countDown();
    List<AdjustmentResult> done = new ArrayList<>();
    for (Future<AdjustmentResult> f : results) {
      done.add(f.get(60, TimeUnit.SECONDS));
    }
    assertThat(done).extracting(AdjustmentResult::ledgerId).containsOnly(done.get(0).ledgerId());
    assertThat(done).filteredOn(r -> !r.replayed()).hasSize(1);
    assertThat(db.balance(user, "free_credits")).isEqualTo(13);
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + user + "'"))
        .isEqualTo(1);
  }

  @Test
  void connectionKilledRightAfterCommitThenRetriedAppliesOnce() throws Exception {
    UUID user = db.insertUser("killed@example.com", 10, 20);
    AdjustmentRequest request = AdjustmentRequest.grant(
        user, FeatureType.CHAT_MESSAGE, 4, "retry after network drop", null, "k-killed");
    // The first attempt commits, then its backend is terminated before the client reads the
    // answer: from the client's side the connection died and the outcome is unknown.
    try (Connection c = db.connectAs(admin)) {
      int pid = pid(c);
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM creditdesk.adjust('grant', ?, 'chat_message', 4, ?, NULL, ?)")) {
        ps.setObject(1, user);
        ps.setString(2, request.reason());
        ps.setString(3, request.idempotencyKey());
        ps.executeQuery().close();
      }
      c.commit();
      db.execute("SELECT pg_terminate_backend(" + pid + ")");
      assertThat(c.isValid(2)).isFalse();
    }
    AdjustmentResult retried = service.apply(request);
    assertThat(retried.replayed()).isTrue();
    assertThat(retried.balanceAfter()).isEqualTo(24);
    assertThat(db.balance(user, "free_chat_messages")).isEqualTo(24);
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + user + "'"))
        .isEqualTo(1);
  }

  @Test
  void serviceRetriesByItselfWhenItsConnectionIsKilledAfterCommit() throws Exception {
    UUID user = db.insertUser("selfretry@example.com", 10, 20);
    KillAfterExecuteDataSource killing = new KillAfterExecuteDataSource(pool, db);
    AdjustmentResult r = new AdjustmentService(killing).apply(AdjustmentRequest.grant(
        user, FeatureType.CHAT_TOOL_CALL, 6, "retry inside the service", null, "k-selfretry"));
    assertThat(killing.kills()).isEqualTo(1);
    assertThat(r.replayed()).isTrue();
    assertThat(db.balance(user, "free_credits")).isEqualTo(16);
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + user + "'"))
        .isEqualTo(1);
  }

  @Test
  void concurrentRefundsOfOneDeductionNeverExceedIt() throws Exception {
    UUID user = db.insertUser("refunds@example.com", 10, 20);
    for (int round = 0; round < 5; round++) {
      UUID deduction = db.webAppDeduct(user, "document_generation", 2);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String key = "k-ref-" + round + "-" + i;
        attempts.add(threads.submit(() -> {
          start.await();
          try {
            service.apply(AdjustmentRequest.refund(deduction, 1, "double click", null, key));
            return true;
          } catch (RefundExceedsDeductionException e) {
            return false;
          }
        }));
      }
      start.countDown();
      int applied = 0;
      for (Future<Boolean> f : attempts) {
        applied += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(applied).isEqualTo(2);
      assertThat(db.count("SELECT coalesce(sum(amount), 0) FROM \"CreditTransaction\""
              + " WHERE metadata->>'refundOf' = '" + deduction + "'"))
          .isEqualTo(2);
    }
    assertThat(db.balance(user, "free_credits")).isEqualTo(10);
  }

  /** A web-app deduction lands at each point of a grant's transaction; none is lost. */
  @Test
  void webAppDeductionBetweenEveryStepOfAGrantIsNeverLost() throws Exception {
    UUID user = db.insertUser("steps@example.com", 100, 20);
    int expected = 100;
    int step = 0;

    // 1. Paused before the key is claimed: another session holds the same key's claim open.
    try (Connection holder = db.ownerConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("INSERT INTO creditdesk.adjustment (idempotency_key, request, user_id, operation,"
            + " feature_type, amount, actor, created_at) VALUES ('k-step-1', '{}', '" + user
            + "', 'grant', 'document_generation', 0, 'x', now())");
      }
      Future<AdjustmentResult> grant = threads.submit(grantCall(user, "k-step-1"));
      awaitLockWait();
      assertThat(db.webAppDeduct(user, "document_generation", 2)).isNotNull();
      holder.rollback();
      assertThat(grant.get(10, TimeUnit.SECONDS).replayed()).isFalse();
      expected += -2 + 5;
      assertThat(db.balance(user, "free_credits")).as("step %d", ++step).isEqualTo(expected);
    }

    // 2. Paused after the claim, at the row lock: the web app's deduction takes the row first.
    try (Connection holder = db.ownerConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("SELECT 1 FROM \"User\" WHERE id = '" + user + "' FOR UPDATE");
      }
      Future<AdjustmentResult> grant = threads.submit(grantCall(user, "k-step-2"));
      awaitLockWait();
      try (Statement s = holder.createStatement()) {
        // the web app's exact deduction, in the session that holds the row
        s.executeUpdate("UPDATE \"User\" SET free_credits = free_credits - 2 WHERE id = '" + user
            + "' AND free_credits >= 2");
      }
      holder.commit();
      assertThat(grant.get(10, TimeUnit.SECONDS).balanceBefore()).isEqualTo(expected - 2);
      expected += -2 + 5;
      assertThat(db.balance(user, "free_credits")).as("step %d", ++step).isEqualTo(expected);
    }

    // 3. Grant done but not committed: the deduction waits for the row and then applies.
    try (Connection c = db.connectAs(admin)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT * FROM creditdesk.adjust('grant', '" + user
            + "', 'document_generation', 5, 'step three', NULL, 'k-step-3')").close();
      }
      Future<UUID> deduction = threads.submit(() -> db.webAppDeduct(user, "document_generation", 2));
      awaitLockWait();
      c.commit();
      assertThat(deduction.get(10, TimeUnit.SECONDS)).isNotNull();
      expected += 5 - 2;
      assertThat(db.balance(user, "free_credits")).as("step %d", ++step).isEqualTo(expected);
    }

    // 4. Refund paused after validation, before its row lock (the refund lock is held elsewhere).
    UUID deducted = db.webAppDeduct(user, "document_generation", 2);
    expected -= 2;
    try (Connection holder = db.ownerConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeQuery("SELECT pg_advisory_xact_lock(hashtextextended('creditdesk.refund:"
            + deducted + "', 0))").close();
      }
      Future<AdjustmentResult> refund = threads.submit(() ->
          service.apply(AdjustmentRequest.refund(deducted, 2, "step four", null, "k-step-4")));
      awaitLockWait();
      assertThat(db.webAppDeduct(user, "document_generation", 2)).isNotNull();
      holder.commit();
      refund.get(10, TimeUnit.SECONDS);
      expected += -2 + 2;
      assertThat(db.balance(user, "free_credits")).as("step %d", ++step).isEqualTo(expected);
    }
  }

  @Test
  void grantsRacingWebAppDeductionsKeepEveryBalanceExact() throws Exception {
    boolean longRun = Boolean.parseBoolean(System.getProperty("creditdesk.longRace", "false"));
    RaceResult race = race(longRun ? 8 : 3, longRun ? 32 : 8, longRun ? 4 : 3,
        longRun ? TimeUnit.MINUTES.toMillis(3) : 2_500);
    assertThat(race.grants()).isPositive();
    assertThat(race.deductions()).isPositive();
  }

  record RaceResult(int grants, int deductions) {}

  private RaceResult race(int admins, int webApp, int users, long millis) throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      ids.add(db.insertUser("race" + i + "@example.com", 5, 5));
    }
    int[] granted = new int[users];
    int[] deducted = new int[users];
    AtomicInteger grantCount = new AtomicInteger();
    AtomicInteger keys = new AtomicInteger();
    long end = System.currentTimeMillis() + millis;
    List<Future<?>> workers = new ArrayList<>();
    for (int a = 0; a < admins; a++) {
      int seed = a;
      workers.add(threads.submit(() -> {
        int n = seed;
        while (System.currentTimeMillis() < end) {
          int u = n++ % users;
          int amount = 1 + (n % 3);
          service.apply(AdjustmentRequest.grant(ids.get(u), FeatureType.CHAT_TOOL_CALL, amount,
              "race grant", null, "race-" + keys.incrementAndGet()));
          synchronized (granted) {
            granted[u] += amount;
          }
          grantCount.incrementAndGet();
        }
        return null;
      }));
    }
    for (int w = 0; w < webApp; w++) {
      int seed = w;
      workers.add(threads.submit(() -> {
        try (Connection c = db.ownerConnection();
            PreparedStatement ps = c.prepareStatement(
                "UPDATE \"User\" SET free_credits = free_credits - ? WHERE id = ? AND free_credits >= ?"
                    + " RETURNING free_credits")) {
          int n = seed;
          while (System.currentTimeMillis() < end) {
            int u = n++ % users;
            int cost = 1 + (n % 2);
            ps.setInt(1, cost);
            ps.setObject(2, ids.get(u));
            ps.setInt(3, cost);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                assertThat(rs.getInt(1)).isNotNegative();
                synchronized (deducted) {
                  deducted[u] += cost;
                }
              }
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : workers) {
      f.get(millis + 60_000, TimeUnit.MILLISECONDS);
    }
    int deductions = 0;
    for (int u = 0; u < users; u++) {
      assertThat(db.balance(ids.get(u), "free_credits"))
          .as("user %d", u)
          .isEqualTo(5 + granted[u] - deducted[u])
          .isNotNegative();
      deductions += deducted[u];
    }
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE operation = 'grant'"))
        .isEqualTo(grantCount.get());
    assertThat(db.count("SELECT count(DISTINCT metadata->>'idempotencyKey') FROM \"CreditTransaction\""
            + " WHERE operation = 'grant'"))
        .isEqualTo(grantCount.get());
    return new RaceResult(grantCount.get(), deductions);
  }

  private Callable<AdjustmentResult> grantCall(UUID user, String key) {
    return () -> service.apply(AdjustmentRequest.grant(
        user, FeatureType.DOCUMENT_GENERATION, 5, "step grant", null, key));
  }

  /** Waits until some session of the admin login is blocked on a lock. */
  private void awaitLockWait() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      if (db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
          + " AND datname = current_database()") > 0) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no session started waiting for a lock");
  }

  private static int pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
