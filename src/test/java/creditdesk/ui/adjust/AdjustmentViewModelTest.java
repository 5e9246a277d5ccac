package creditdesk.ui.adjust;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionSettings;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.user.UserDetail;
import creditdesk.service.user.UserDetailService;
import creditdesk.testing.Staff;
import creditdesk.testing.StaffSessionExtension;
import creditdesk.testing.TcpRelay;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import creditdesk.ui.HeldTaskExecutor;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dialog logic without a toolkit: validation, preview, caps, and the idempotency key. */
@ExtendWith(StaffSessionExtension.class)
class AdjustmentViewModelTest {
  private static TestDatabase DB;
  private static StaffSession admin;
  private static AdjustmentService adjustments;

  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @BeforeAll
  static void login(TestDatabase db, @Staff(StaffRole.ADMIN) StaffSession session) {
    DB = db;
    admin = session;
    adjustments = new AdjustmentService(admin.dataSource());
  }

  private static UserDetail detail(UUID user) {
    return new UserDetailService(admin.sessionFactory()).load(user);
  }

  private static long ledgerRows(UUID user) {
    return DB.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + user + "'");
  }

  @Test
  void grantValidatesInlineAndPreviewsTheBalanceItMoves() {
    UUID user = DB.insertUser("grant-vm@example.com", 12, 3);
    AdjustmentViewModel grant = AdjustmentViewModel.grant(detail(user), adjustments, tasks);
    assertThat(grant.isCanApply()).as("nothing typed").isFalse();
    assertThat(grant.getAmountError()).as("no error before typing").isEmpty();
    assertThat(grant.getFeatureHint()).isEqualTo("Moves free credits.");

    grant.amountProperty().set("abc");
    assertThat(grant.getAmountError()).isEqualTo("The amount must be a whole number from 1 to 10,000.");
    grant.amountProperty().set("5");
    assertThat(grant.getAmountError()).isEmpty();
    assertThat(grant.getPreview()).isEqualTo("free credits 12 → 17");
    grant.featureProperty().set(FeatureType.CHAT_MESSAGE);
    assertThat(grant.getFeatureHint()).isEqualTo("Moves free chat messages.");
    assertThat(grant.getPreview()).isEqualTo("free chat messages 3 → 8");

    grant.reasonProperty().set("x");
    assertThat(grant.getReasonError()).isEqualTo("Give a reason of 3 to 500 characters (now 1).");
    assertThat(grant.isCanApply()).isFalse();
    grant.apply();
    assertThat(grant.getResult()).isNull();
    assertThat(ledgerRows(user)).as("an invalid dialog changes nothing").isZero();

    grant.reasonProperty().set("goodwill after outage");
    grant.ticketProperty().set("t".repeat(101));
    assertThat(grant.getTicketError()).isEqualTo("A ticket reference has at most 100 characters.");
    grant.ticketProperty().set("SUP-1");
    assertThat(grant.isCanApply()).isTrue();
    grant.apply();
    assertThat(grant.getResult().balanceAfter()).isEqualTo(8);
    assertThat(DB.balance(user, "free_chat_messages")).isEqualTo(8);
    assertThat(grant.isCanApply()).as("applied once; OK is done").isFalse();
  }

  @Test
  void aDoubleClickAppliesOnce() {
    UUID user = DB.insertUser("double@example.com", 1, 1);
    HeldTaskExecutor held = new HeldTaskExecutor();
    AdjustmentViewModel grant = AdjustmentViewModel.grant(detail(user), adjustments, held);
    grant.amountProperty().set("4");
    grant.reasonProperty().set("double click");
    grant.apply();
    grant.apply();
    assertThat(held.held()).as("the second click finds the dialog busy").isEqualTo(1);
    held.releaseNewestFirst();
    assertThat(DB.balance(user, "free_credits")).isEqualTo(5);
  }

  @Test
  void aRefusalStaysInTheDialogAndTheRetryKeepsTheKey() {
    UUID user = DB.insertUser("retry@example.com", 10, 1);
    AdjustmentViewModel correct = AdjustmentViewModel.correct(detail(user), adjustments, tasks);
    String key = correct.getIdempotencyKey();
    correct.amountProperty().set("11");
    assertThat(correct.getAmountError())
        .isEqualTo("The balance is only 10 credits; a correction cannot take more.");
    correct.amountProperty().set("6");
    correct.reasonProperty().set("granted twice by mistake");
    // The web app spends meanwhile: the database, not the dialog's copy, has the last word.
    DB.webAppDeduct(user, "document_generation", 7);
    correct.apply();
    assertThat(correct.getError()).isEqualTo("Cannot take back 6: the balance is only 3.");
    assertThat(correct.getResult()).isNull();
    assertThat(DB.balance(user, "free_credits")).isEqualTo(3);

    correct.amountProperty().set("3");
    assertThat(correct.getError()).as("editing clears the old answer").isEmpty();
    correct.apply();
    assertThat(correct.getResult()).isNotNull();
    assertThat(DB.balance(user, "free_credits")).isZero();
    assertThat(correct.getIdempotencyKey()).isEqualTo(key);
    assertThat(DB.count("SELECT count(*) FROM creditdesk.adjustment WHERE idempotency_key = '" + key + "'"))
        .isEqualTo(1);
  }

  @Test
  void refundIsCappedAtWhatIsLeft() {
    UUID user = DB.insertUser("cap@example.com", 10, 1);
    DB.webAppDeduct(user, "document_generation", 2);
    LedgerEntry deduction =
        new HistoryService(admin.sessionFactory()).page(user, HistoryFilter.NONE, null, 10).entries().get(0);
    AdjustmentViewModel refund = AdjustmentViewModel.refund(detail(user), deduction, adjustments, tasks);
    assertThat(refund.isFeatureEditable()).isFalse();
    assertThat(refund.amountProperty().get()).isEqualTo("2");
    refund.amountProperty().set("3");
    assertThat(refund.getAmountError()).isEqualTo("At most 2 credits can be refunded of this deduction.");
    assertThat(refund.isCanApply()).isFalse();
    assertThat(refund.getPreview()).isEmpty();
  }

  @Test
  void aNullBalanceIsPreviewedFromTheWebAppsDefault() {
    UUID legacy = DB.insertUser("grant-legacy-vm@example.com", null, null);
    AdjustmentViewModel grant = AdjustmentViewModel.grant(detail(legacy), adjustments, tasks);
    grant.amountProperty().set("2");
    assertThat(grant.getPreview()).isEqualTo("free credits 10 (not set) → 12");
    grant.featureProperty().set(FeatureType.CHAT_MESSAGE);
    assertThat(grant.getPreview()).isEqualTo("free chat messages 20 (not set) → 22");
    assertThat(grant.isWarned()).as("a free user spends what is granted").isFalse();

    AdjustmentViewModel correct = AdjustmentViewModel.correct(detail(legacy), adjustments, tasks);
    correct.amountProperty().set("11");
    assertThat(correct.getAmountError()).isEqualTo("The balance is only 10 credits; a correction cannot take more.");
    correct.amountProperty().set("3");
    assertThat(correct.getPreview()).isEqualTo("free credits 10 (not set) → 7");
  }

  @Test
  void theGrantDialogWarnsOnlyWhenTheUserIsOnAnActiveUnlimitedPlan() {
    UUID monthly = DB.insertUser("grant-monthly-vm@example.com", 5, 5);
    DB.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'monthly' WHERE id = '" + monthly + "'");
    AdjustmentViewModel charged = AdjustmentViewModel.grant(detail(monthly), adjustments, tasks);
    assertThat(charged.isWarned()).as("'paid' on monthly is charged: the grant counts").isFalse();
    assertThat(charged.getWarning()).isEmpty();

    UUID lapsed = DB.insertUser("grant-lapsed-vm@example.com", 5, 5);
    DB.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'yearly',"
        + " last_payment = now() - interval '1 year 1 day' WHERE id = '" + lapsed + "'");
    assertThat(AdjustmentViewModel.grant(detail(lapsed), adjustments, tasks).isWarned()).isFalse();

    UUID yearly = DB.insertUser("grant-yearly-vm@example.com", 5, 5);
    DB.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'yearly',"
        + " last_payment = '2026-03-01 09:00' WHERE id = '" + yearly + "'");
    UserDetail atNov29 =
        new UserDetailService(admin.sessionFactory(),
                java.time.Clock.fixed(java.time.Instant.parse("2026-11-29T20:00:00Z"), java.time.ZoneOffset.UTC))
            .load(yearly);
    AdjustmentViewModel unlimited = AdjustmentViewModel.grant(atNov29, adjustments, tasks);
    assertThat(unlimited.isWarned()).isTrue();
    assertThat(unlimited.getWarning())
        .isEqualTo("This user is on an unlimited plan (yearly until 2027-03-01); the web app does not"
            + " charge them, so this grant changes nothing they see.");
    assertThat(AdjustmentViewModel.correct(atNov29, adjustments, tasks).isWarned()).isFalse();
  }

  @Test
  void aLostAnswerSaysTheChangeMayHaveBeenAppliedAndApplyAgainAppliesItOnce() throws Exception {
    UUID user = DB.insertUser("lost-answer-vm@example.com", 20, 20);
    System.setProperty("creditdesk.socketTimeoutSeconds", "2");
    try (TcpRelay relay = new TcpRelay(TestPostgres.cluster().port());
        HikariDataSource pool = Pools.open(
            new ConnectionSettings(relay.through(DB.jdbcUrl()), admin.login(),
                TestDatabase.STAFF_PASSWORD.toCharArray(), false), "relayed", 2)) {
      AdjustmentViewModel grant =
          AdjustmentViewModel.grant(detail(user), new AdjustmentService(pool), tasks);
      grant.featureProperty().set(FeatureType.DOCUMENT_GENERATION);
      grant.amountProperty().set("7");
      grant.reasonProperty().set("goodwill");
      // The server commits; its answer never arrives.
      relay.whenClientSends("creditdesk.adjust", relay::dropReplies);
      grant.apply();
      assertThat(grant.getResult()).isNull();
      assertThat(grant.getError())
          .contains("may have been applied", "Apply again retries safely with the same idempotency key")
          .doesNotContain("Exception", "SELECT");
      assertThat(DB.balance(user, "free_credits")).isEqualTo(27);

      relay.resume();
      grant.apply();
      assertThat(grant.getResult()).isNotNull();
      assertThat(grant.getResult().replayed()).isTrue();
      assertThat(DB.balance(user, "free_credits")).as("applied once").isEqualTo(27);
      assertThat(ledgerRows(user)).isEqualTo(1);
    } finally {
      System.clearProperty("creditdesk.socketTimeoutSeconds");
    }
  }
}
