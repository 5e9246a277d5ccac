package creditdesk.service.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Migrations;
import creditdesk.db.OwnerMigrationsTest;
import creditdesk.db.Pools;
import creditdesk.domain.StaffRole;
import creditdesk.service.common.PermissionDeniedException;
import creditdesk.service.user.BalanceInitialisationService.Counts;
import creditdesk.service.user.BalanceInitialisationService.Result;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Initialise balance on a database the web app's own SQL built, then creditdesk migrated. */
class BalanceInitialisationServiceTest {
  private static final UUID LEGACY = OwnerMigrationsTest.LEGACY;
  private static final UUID ADA = OwnerMigrationsTest.ADA;

  private final TestDatabase db = TestPostgres.newDatabase(false);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private String admin;
  private HikariDataSource pool;
  private BalanceInitialisationService service;
  private UUID noCredits;
  private UUID noChat;

  @BeforeEach
  void setUp() throws Exception {
    OwnerMigrationsTest.buildWebAppDatabase(db);
    new Migrations(db.owner()).migrate();
    admin = db.createStaff(StaffRole.ADMIN);
    pool = Pools.open(db.settingsFor(admin), "admin", 2);
    service = new BalanceInitialisationService(pool);
    noCredits = db.insertUser("nocredits@example.com", null, 4);
    noChat = db.insertUser("nochat@example.com", 5, null);
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    pool.close();
  }

  @Test
  void dryRunCountsAndChangesNothing() {
    String before = balances();
    assertThat(service.dryRun(null)).isEqualTo(new Counts(3, 2, 2));
    assertThat(service.dryRun(noChat)).isEqualTo(new Counts(1, 0, 1));
    assertThat(service.dryRun(ADA)).isEqualTo(Counts.NONE);
    assertThat(balances()).isEqualTo(before);
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isZero();
  }

  @Test
  void setsEveryNullBalanceToTheDefaultInBatchesAndASecondRunSetsNothing() {
    long ledger = db.count("SELECT count(*) FROM \"CreditTransaction\"");
    List<Counts> progress = new ArrayList<>();
    Result first = service.initialise(null, 2, progress::add, () -> false);
    assertThat(first).isEqualTo(new Result(new Counts(3, 2, 2), false, false));
    assertThat(progress).extracting(Counts::users).containsExactly(2L, 3L);
    assertThat(balances()).isEqualTo(
        ADA + " 7 19, " + LEGACY + " 10 20, " + noCredits + " 10 4, " + noChat + " 5 20");
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\"")).as("no ledger rows").isEqualTo(ledger);
    // Audited under the admin's login, one row per balance set.
    assertThat(db.text("SELECT string_agg(balance || ' ' || coalesce(old_value::text, 'null') || '->'"
            + " || new_value || ' ' || login || ' ' || staff_role, '; ' ORDER BY balance, user_id)"
            + " FROM creditdesk.balance_audit"))
        .isEqualTo("free_chat_messages null->20 " + admin + " admin; free_chat_messages null->20 "
            + admin + " admin; free_credits null->10 " + admin + " admin; free_credits null->10 "
            + admin + " admin");

    String after = balances();
    Result second = service.initialise(null, 2, progress::add, () -> false);
    assertThat(second.set()).isEqualTo(Counts.NONE);
    assertThat(balances()).isEqualTo(after);
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isEqualTo(4);
  }

  @Test
  void oneUserOnly() {
    Result r = service.initialise(noChat, 1000, c -> { }, () -> false);
    assertThat(r.set()).isEqualTo(new Counts(1, 0, 1));
    assertThat(db.balance(noChat, "free_chat_messages")).isEqualTo(20);
    assertThat(db.balance(LEGACY, "free_credits")).isNull();
    assertThat(service.initialise(noChat, 1000, c -> { }, () -> false).set()).isEqualTo(Counts.NONE);
  }

  @Test
  void cancelledBetweenBatchesKeepsWhatWasSet() {
    Result r = service.initialise(null, 1, c -> { }, new java.util.function.BooleanSupplier() {
      int asked;

      @Override
      public boolean getAsBoolean() {
        return asked++ == 1;
      }
    });
    assertThat(r.cancelled()).isTrue();
    assertThat(r.set().users()).isEqualTo(1);
    assertThat(service.dryRun(null).users()).isEqualTo(2);
  }

  /** The batch holds a legacy row; the web app's deduction waits for it and then applies. */
  @Test
  void aWebAppDeductionDuringABatchIsNeverLost() throws Exception {
    try (Connection c = db.connectAs(admin)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT * FROM creditdesk.initialise_balances(NULL, 1000)").close();
      }
      Future<UUID> deduction = threads.submit(() -> db.webAppDeduct(noChat, "document_generation", 2));
      awaitLockWait();
      c.commit();
      assertThat(deduction.get(10, TimeUnit.SECONDS)).isNotNull();
    }
    assertThat(db.balance(noChat, "free_credits")).isEqualTo(3);
    assertThat(db.balance(noChat, "free_chat_messages")).isEqualTo(20);
  }

  /** A row the web app holds is skipped, not waited for, and set once it is free. */
  @Test
  void aRowHeldByTheWebAppIsSkippedAndSetWhenFree() throws Exception {
    Future<Result> run;
    try (Connection holder = db.ownerConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        // The web app's unlogged refund, in a transaction still open.
        s.executeUpdate("UPDATE \"User\" SET free_chat_messages = COALESCE(free_chat_messages, 0) + 1"
            + " WHERE id = '" + noCredits + "'");
      }
      run = threads.submit(() -> service.initialise(null, 1000, c -> { }, () -> false));
      long deadline = System.currentTimeMillis() + 10_000;
      while (db.count("SELECT count(*) FROM \"User\" WHERE free_credits IS NULL"
          + " OR free_chat_messages IS NULL") > 1) {
        assertThat(System.currentTimeMillis()).as("the other rows are set").isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(run.isDone()).isFalse();
      assertThat(db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
          + " AND datname = current_database()")).as("nobody waits for a lock").isZero();
      holder.commit();
    }
    Result r = run.get(10, TimeUnit.SECONDS);
    assertThat(r.busyLeft()).isFalse();
    assertThat(r.set()).isEqualTo(new Counts(3, 2, 2));
    assertThat(db.balance(noCredits, "free_credits")).isEqualTo(10);
    assertThat(db.balance(noCredits, "free_chat_messages")).isEqualTo(5);
  }

  @Test
  void worksWhenTheWebAppHasDroppedTheChatBalance() {
    db.execute("ALTER TABLE \"User\" DROP COLUMN free_chat_messages");
    assertThat(service.dryRun(null)).isEqualTo(new Counts(2, 2, 0));
    assertThat(service.initialise(null, 1000, c -> { }, () -> false).set())
        .isEqualTo(new Counts(2, 2, 0));
    assertThat(db.count("SELECT count(*) FROM \"User\" WHERE free_credits IS NULL")).isZero();
  }

  @Test
  void supportAndAnalystLoginsAreRefusedByTheDatabase() {
    for (StaffRole role : List.of(StaffRole.SUPPORT, StaffRole.ANALYST)) {
      String login = db.createStaff(role);
      try (HikariDataSource other = Pools.open(db.settingsFor(login), "other", 1)) {
        BalanceInitialisationService asOther = new BalanceInitialisationService(other);
        assertThatThrownBy(() -> asOther.dryRun(null)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> asOther.initialise(null, 10, c -> { }, () -> false))
            .isInstanceOf(PermissionDeniedException.class);
      }
    }
    assertThat(db.balance(LEGACY, "free_credits")).isNull();
  }

  private String balances() {
    return db.text("SELECT string_agg(id || ' ' || coalesce(free_credits::text, 'null') || ' '"
        + " || coalesce(free_chat_messages::text, 'null'), ', ' ORDER BY created_at, email)"
        + " FROM \"User\"");
  }

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
}
