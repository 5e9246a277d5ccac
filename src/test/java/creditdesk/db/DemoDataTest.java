package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

class DemoDataTest {
  /** Start plus the ledger of one balance, per user: what the ledger alone says the balance is. */
  private static final String LEDGER_BALANCES =
      """
      SELECT u.id, u.level, u.free_credits, u.free_chat_messages,
             10 + coalesce(sum(CASE WHEN t.feature_type <> 'chat_message' THEN
                   CASE t.operation WHEN 'deduct' THEN -t.amount ELSE t.amount END END), 0) AS ledger_credits,
             20 + coalesce(sum(CASE WHEN t.feature_type = 'chat_message' THEN
                   CASE t.operation WHEN 'deduct' THEN -t.amount ELSE t.amount END END), 0) AS ledger_chat
        FROM "User" u LEFT JOIN "CreditTransaction" t ON t.user_id = u.id
       GROUP BY u.id
      """;

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class DemoSize {
    private final TestDatabase db = TestPostgres.newDatabase();
    private boolean loaded;

    @BeforeAll
    void load() {
      loaded = DemoData.loadIfEmpty(db.owner());
    }

    @AfterAll
    void drop() {
      db.drop();
    }

    @Test
    void loadsFiveThousandUsersAndAboutTwoHundredThousandLedgerRows() {
      assertThat(loaded).isTrue();
      assertThat(db.count("SELECT count(*) FROM \"User\"")).isEqualTo(5_000);
      assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\""))
          .isBetween(180_000L, 220_000L);
    }

    @Test
    void ledgerSpansTheLastTwelveMonthsInUtc() {
      // The window ends at the start of the hour the load began in; this check may run after the
      // next hour began, hence a day of slack at the old end.
      assertThat(db.count(
              "SELECT count(*) FROM \"CreditTransaction\" WHERE created_at"
                  + " < (now() AT TIME ZONE 'UTC') - interval '12 months 1 day'"))
          .as("rows older than the window")
          .isZero();
      assertThat(db.count(
              "SELECT count(*) FROM \"CreditTransaction\" WHERE created_at > now() AT TIME ZONE 'UTC'"))
          .as("rows in the future")
          .isZero();
      assertThat(db.count(
              "SELECT extract(day FROM max(created_at) - min(created_at))::bigint"
                  + " FROM \"CreditTransaction\""))
          .isGreaterThan(355);
      // every month has activity
      assertThat(db.count(
              "SELECT count(DISTINCT date_trunc('month', created_at)) FROM \"CreditTransaction\""))
          .isGreaterThanOrEqualTo(12);
    }

    @Test
    void chargesAllFourFeaturesAtTheWebAppsPrices() {
      assertThat(db.count(
              "SELECT count(DISTINCT feature_type) FROM \"CreditTransaction\""
                  + " WHERE operation = 'deduct'"))
          .isEqualTo(4);
      assertThat(db.count(
              """
              SELECT count(*) FROM "CreditTransaction" WHERE operation = 'deduct' AND amount <>
                CASE feature_type
                  WHEN 'document_generation' THEN
                    CASE metadata->>'documentType' WHEN 'weekly_report' THEN 1
                      WHEN 'performance_review' THEN 2 WHEN 'brag_doc' THEN 2 END
                  WHEN 'workstream_clustering' THEN 2
                  ELSE 1 END IS NOT FALSE
              """))
          .isZero();
      assertThat(db.count(
              """
              SELECT count(*) FROM "CreditTransaction"
               WHERE operation = 'deduct' AND feature_type = 'document_generation'
                 AND (metadata->>'documentId' IS NULL OR metadata->>'title' IS NULL)
              """))
          .isZero();
      assertThat(db.count(
              """
              SELECT count(*) FROM "CreditTransaction"
               WHERE operation = 'deduct' AND feature_type = 'chat_message'
                 AND NOT coalesce((metadata->>'remainingMessages')::int >= 0, false)
              """))
          .isZero();
      for (String type : new String[] {"weekly_report", "performance_review", "brag_doc"}) {
        assertThat(db.count(
                "SELECT count(*) FROM \"CreditTransaction\" WHERE metadata->>'documentType' = '"
                    + type
                    + "'"))
            .as(type)
            .isPositive();
      }
    }

    @Test
    void hasGrantsAndLoggedRefundsWithReasons() {
      assertThat(db.count(
              "SELECT count(*) FROM \"CreditTransaction\" WHERE operation = 'grant'"
                  + " AND metadata->>'grantReason' IS NOT NULL"))
          .isGreaterThan(1_000);
      assertThat(db.count(
              "SELECT count(DISTINCT metadata->>'grantReason') FROM \"CreditTransaction\""
                  + " WHERE operation = 'grant'"))
          .isGreaterThanOrEqualTo(3);
      assertThat(db.count(
              "SELECT count(*) FROM \"CreditTransaction\" WHERE operation = 'refund'"
                  + " AND metadata->>'refundReason' IS NOT NULL"
                  + " AND metadata->>'errorMessage' IS NOT NULL"))
          .isGreaterThan(300);
      assertThat(db.count(
              "SELECT count(*) FROM \"CreditTransaction\" WHERE operation = 'refund'"
                  + " AND (metadata->>'refundReason' IS NULL OR amount NOT IN (1, 2))"))
          .isZero();
    }

    @Test
    void metadataHoldsNoPersonalData() {
      assertThat(db.count(
              """
              SELECT count(*) FROM "CreditTransaction" t, jsonb_object_keys(t.metadata) AS k
               WHERE k NOT IN ('documentId', 'documentType', 'title', 'remainingMessages',
                               'errorMessage', 'refundReason', 'grantReason', 'packSize',
                               'campaign', 'plan')
              """))
          .isZero();
      assertThat(db.count(
              "SELECT count(*) FROM \"CreditTransaction\" t JOIN \"User\" u ON u.id = t.user_id"
                  + " WHERE t.metadata::text LIKE '%@%'"
                  + " OR (u.name IS NOT NULL AND t.metadata::text LIKE '%' || u.name || '%')"))
          .isZero();
      // the owner is not staff: no attribution, no audit rows
      assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isZero();
    }

    @Test
    void usersLookLikeTheWebAppsUsers() {
      assertThat(db.count("SELECT count(DISTINCT provider) FROM \"User\"")).isEqualTo(3);
      assertThat(db.count("SELECT count(DISTINCT level) FROM \"User\"")).isEqualTo(5);
      assertThat(db.count("SELECT count(*) FROM \"User\" WHERE level = 'free'"))
          .isGreaterThan(4_000);
      assertThat(db.count("SELECT count(*) FROM \"User\" WHERE level IN ('basic', 'pro')"))
          .isBetween(5L, 200L);
      assertThat(db.count("SELECT count(DISTINCT status) FROM \"User\"")).isEqualTo(3);
      assertThat(db.count("SELECT count(*) FROM \"User\" WHERE status = 'active'"))
          .isGreaterThan(4_500);
      assertThat(db.count("SELECT count(*) FROM \"User\" WHERE name IS NULL")).isPositive();
      assertThat(db.count("SELECT count(*) FROM \"User\" WHERE email <> lower(email)"))
          .isPositive();
      assertThat(db.count(
              "SELECT count(DISTINCT split_part(lower(email), '@', 2)) FROM \"User\""))
          .isGreaterThan(20);
      long duplicated =
          db.count(
              "SELECT count(*) FROM (SELECT lower(email) FROM \"User\" GROUP BY 1"
                  + " HAVING count(*) > 1) d");
      assertThat(duplicated).isBetween(5L, 100L);
      assertThat(db.count("SELECT count(*) FROM \"User\" WHERE free_credits IS NULL"))
          .isPositive();
      assertThat(db.count("SELECT count(*) FROM \"User\" WHERE free_chat_messages IS NULL"))
          .isPositive();
      assertThat(db.count(
              "SELECT count(*) FROM \"User\""
                  + " WHERE (password IS NULL) <> (provider <> 'credentials')"))
          .isZero();
      assertThat(db.count(
              "SELECT extract(day FROM max(created_at) - min(created_at))::bigint FROM \"User\""))
          .isGreaterThan(600);
    }

    @Test
    void balancesAreNeverNegativeAndPaidUsersAreNotCharged() {
      assertThat(db.count(
              "SELECT count(*) FROM \"User\" WHERE free_credits < 0 OR free_chat_messages < 0"))
          .isZero();
      assertThat(db.count(
              "SELECT count(*) FROM \"CreditTransaction\" t JOIN \"User\" u ON u.id = t.user_id"
                  + " WHERE t.operation = 'deduct' AND (u.level = 'demo'"
                  + " OR (u.level = 'paid' AND t.created_at >= u.last_payment))"))
          .isZero();
      // paid users were free users first
      assertThat(db.count(
              "SELECT count(DISTINCT u.id) FROM \"CreditTransaction\" t"
                  + " JOIN \"User\" u ON u.id = t.user_id"
                  + " WHERE t.operation = 'deduct' AND u.level = 'paid'"))
          .isGreaterThan(20);
      assertThat(db.count("SELECT count(*) FROM \"User\" WHERE level IN ('paid', 'demo')"))
          .isGreaterThan(200);
    }

    @Test
    void ledgerExplainsMostBalancesButNotAll() {
      long users = db.count("SELECT count(*) FROM \"User\"");
      long gaps =
          db.count(
              "SELECT count(*) FROM (" + LEDGER_BALANCES + ") b"
                  + " WHERE free_credits <> ledger_credits OR free_chat_messages <> ledger_chat");
      assertThat(gaps).isGreaterThan(users / 50).isLessThan(users / 4);
      // refunds never logged: the balance is above what the ledger says
      assertThat(db.count(
              "SELECT count(*) FROM (" + LEDGER_BALANCES + ") b"
                  + " WHERE free_credits > ledger_credits"))
          .isGreaterThan(50);
      // deductions whose ledger row was lost: the balance is below
      assertThat(db.count(
              "SELECT count(*) FROM (" + LEDGER_BALANCES + ") b"
                  + " WHERE free_credits < ledger_credits OR free_chat_messages < ledger_chat"))
          .isGreaterThan(20);
      // a legacy NULL balance never moved: the web app's conditional deduction skips NULL
      assertThat(db.count(
              "SELECT count(*) FROM \"CreditTransaction\" t JOIN \"User\" u ON u.id = t.user_id"
                  + " WHERE (t.feature_type = 'chat_message' AND u.free_chat_messages IS NULL)"
                  + " OR (t.feature_type <> 'chat_message' AND u.free_credits IS NULL)"))
          .isZero();
    }

    @Test
    void ledgerRunningBalanceNeverGoesNegative() {
      assertThat(db.count(
              """
              SELECT count(*) FROM (
                SELECT CASE WHEN feature_type = 'chat_message' THEN 20 ELSE 10 END
                       + sum(CASE operation WHEN 'deduct' THEN -amount ELSE amount END) OVER (
                           PARTITION BY user_id, feature_type = 'chat_message'
                           ORDER BY created_at, id ROWS UNBOUNDED PRECEDING) AS running
                  FROM "CreditTransaction") r
               WHERE running < 0
              """))
          .isZero();
    }

    @Test
    void activityIsSkewed() {
      assertThat(db.count(
              "SELECT max(n) FROM (SELECT count(*) AS n FROM \"CreditTransaction\""
                  + " GROUP BY user_id) c"))
          .isGreaterThanOrEqualTo(1_000);
      assertThat(db.count(
              "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM (SELECT count(*) AS n"
                  + " FROM \"CreditTransaction\" GROUP BY user_id) c"))
          .isLessThanOrEqualTo(20);
      assertThat(db.count(
              "SELECT count(*) FROM \"User\" u WHERE NOT EXISTS"
                  + " (SELECT 1 FROM \"CreditTransaction\" t WHERE t.user_id = u.id)"))
          .isGreaterThan(500);
    }

    @Test
    void secondLoadDoesNothing() {
      long rows = db.count("SELECT count(*) FROM \"CreditTransaction\"");
      assertThat(DemoData.loadIfEmpty(db.owner())).isFalse();
      assertThat(db.count("SELECT count(*) FROM \"User\"")).isEqualTo(5_000);
      assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\"")).isEqualTo(rows);
    }
  }

  private static final DemoData.Size SMALL = new DemoData.Size(300, 8_000, 12);
  private static final LocalDateTime ANCHOR = LocalDateTime.of(2026, 3, 1, 12, 0);

  @Test
  void sameSeedGivesTheSameData() {
    TestDatabase first = TestPostgres.newDatabase();
    TestDatabase second = TestPostgres.newDatabase();
    TestDatabase other = TestPostgres.newDatabase();
    DemoData.Summary a = DemoData.generate(first.owner(), SMALL, 7, ANCHOR);
    DemoData.Summary b = DemoData.generate(second.owner(), SMALL, 7, ANCHOR);
    DemoData.generate(other.owner(), SMALL, 8, ANCHOR);

    assertThat(a.users()).isEqualTo(300).isEqualTo(b.users());
    assertThat(a.ledgerRows()).isEqualTo(b.ledgerRows()).isBetween(6_500L, 9_500L);
    assertThat(first.count("SELECT count(*) FROM \"CreditTransaction\"")).isEqualTo(a.ledgerRows());
    assertThat(fingerprint(first)).isEqualTo(fingerprint(second)).isNotEqualTo(fingerprint(other));
    // ids are fresh per run, like the web app's
    assertThat(text(first, "SELECT min(id::text) FROM \"User\""))
        .isNotEqualTo(text(second, "SELECT min(id::text) FROM \"User\""));
    assertThat(first.count(
            "SELECT count(*) FROM \"CreditTransaction\" WHERE created_at >= timestamp '2026-03-01 12:00'"
                + " OR created_at < timestamp '2025-03-01 12:00'"))
        .isZero();
    first.drop();
    second.drop();
    other.drop();
  }

  @Test
  void loadIfEmptyLeavesExistingUsersAlone() {
    TestDatabase db = TestPostgres.newDatabase();
    db.insertUser("someone@example.com", 10, 20);
    assertThat(DemoData.loadIfEmpty(db.owner())).isFalse();
    assertThat(db.count("SELECT count(*) FROM \"User\"")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\"")).isZero();
  }

  @Test
  void anInterruptedLoadLeavesNothingBehind() throws Exception {
    TestDatabase db = TestPostgres.newDatabase();
    DemoData.Size size = new DemoData.Size(1_000, 25_000, 12);
    CompletableFuture<Boolean> load =
        CompletableFuture.supplyAsync(() -> DemoData.loadIfEmpty(db.owner(), size, 1));
    // cancel it once the users are in and the ledger is being written
    boolean cancelled = false;
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement()) {
      for (int i = 0; i < 6_000 && !cancelled && !load.isDone(); i++) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND state = 'active'"
                    + " AND query LIKE '%INSERT INTO public.\"CreditTransaction\"%'")) {
          cancelled = rs.next() && rs.getBoolean(1);
        }
        Thread.sleep(10);
      }
    }
    assertThat(cancelled).as("caught the load while it wrote the ledger").isTrue();
    assertThatThrownBy(() -> load.get(2, TimeUnit.MINUTES))
        .hasRootCauseInstanceOf(SQLException.class)
        .hasMessageContaining("cancel");
    assertThat(db.count("SELECT count(*) FROM \"User\"")).isZero();
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\"")).isZero();
    assertThat(DemoData.loadIfEmpty(db.owner(), new DemoData.Size(50, 1_000, 12), 1)).isTrue();
    assertThat(db.count("SELECT count(*) FROM \"User\"")).isEqualTo(50);
    db.drop();
  }

  /** Everything but the ids, in a stable order. */
  private static String fingerprint(TestDatabase db) {
    return text(
            db,
            """
            SELECT md5(string_agg(concat_ws('|', email, name, provider, provider_id, image, password,
                       preferences::text, level, renewal_period, status, email_verified, is_demo,
                       free_credits, free_chat_messages, created_at, updated_at, last_payment,
                       tos_accepted_at, stripe_customer_id), ',' ORDER BY created_at, email))
              FROM "User"
            """)
        + text(
            db,
            """
            SELECT md5(string_agg(concat_ws('|', u.email, u.created_at, t.operation, t.feature_type,
                       t.amount, t.metadata::text, t.created_at), ','
                       ORDER BY t.created_at, u.email, u.created_at, t.operation, t.metadata::text))
              FROM "CreditTransaction" t JOIN "User" u ON u.id = t.user_id
            """);
  }

  private static String text(TestDatabase db, String sql) {
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
