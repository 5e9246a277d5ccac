package creditdesk.service.adjust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.service.common.PermissionDeniedException;
import creditdesk.service.common.UserNotFoundException;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdjustmentServiceTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final String admin = db.createStaff(StaffRole.ADMIN);
  private final HikariDataSource pool = Pools.open(db.settingsFor(admin), "admin", 4);
  private final AdjustmentService service = new AdjustmentService(pool);

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void grantRaisesBalanceAndWritesOneAttributedLedgerRow() {
    UUID user = db.insertUser("grant@example.com", 10, 20);
    AdjustmentResult r = service.apply(AdjustmentRequest.grant(
        user, FeatureType.WORKSTREAM_CLUSTERING, 5, "  goodwill after outage ", "SUP-1", "k-grant-1"));
    assertThat(r.replayed()).isFalse();
    assertThat(r.operation()).isEqualTo(OperationType.GRANT);
    assertThat(r.balanceBefore()).isEqualTo(10);
    assertThat(r.balanceAfter()).isEqualTo(15);
    assertThat(db.balance(user, "free_credits")).isEqualTo(15);
    assertThat(db.balance(user, "free_chat_messages")).isEqualTo(20);
    assertThat(r.metadata())
        .containsEntry("source", "creditdesk")
        .containsEntry("reason", "goodwill after outage")
        .containsEntry("ticket", "SUP-1")
        .containsEntry("idempotencyKey", "k-grant-1")
        .containsEntry("balanceBefore", 10)
        .containsEntry("balanceAfter", 15)
        .containsEntry("actor", admin);
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + user + "'"))
        .isEqualTo(1);
  }

  @Test
  void chatMessageGrantMovesChatBalanceAndNullCountsAsTheWebAppsDefault() {
    UUID user = db.insertUser("legacy@example.com", null, null);
    AdjustmentResult r = service.apply(AdjustmentRequest.grant(
        user, FeatureType.CHAT_MESSAGE, 3, "legacy account fix", null, "k-chat-1"));
    assertThat(r.balanceBefore()).isEqualTo(20);
    assertThat(r.beforeUnset()).isTrue();
    assertThat(r.balanceAfter()).isEqualTo(23);
    assertThat(r.metadata()).containsEntry("balanceBefore", 20).containsEntry("balanceBeforeUnset", true);
    assertThat(db.balance(user, "free_chat_messages")).isEqualTo(23);
    assertThat(db.balance(user, "free_credits")).isNull();
  }

  @Test
  void correctionNeverMakesBalanceNegative() {
    UUID user = db.insertUser("correct@example.com", 4, 20);
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.correct(
            user, FeatureType.DOCUMENT_GENERATION, 5, "granted by mistake", null, "k-corr-1")))
        .isInstanceOf(InsufficientBalanceException.class)
        .hasMessageContaining("only 4");
    assertThat(db.balance(user, "free_credits")).isEqualTo(4);
    AdjustmentResult ok = service.apply(AdjustmentRequest.correct(
        user, FeatureType.DOCUMENT_GENERATION, 4, "granted by mistake", null, "k-corr-1"));
    assertThat(ok.operation()).isEqualTo(OperationType.DEDUCT);
    assertThat(ok.balanceAfter()).isZero();
  }

  @Test
  void refundGivesBackAtMostTheDeduction() {
    UUID user = db.insertUser("refund@example.com", 10, 20);
    UUID deduction = db.webAppDeduct(user, "document_generation", 2);
    AdjustmentResult first = service.apply(AdjustmentRequest.refund(deduction, 1, "failed doc", null, "k-r1"));
    assertThat(first.operation()).isEqualTo(OperationType.REFUND);
    assertThat(first.feature()).isEqualTo(FeatureType.DOCUMENT_GENERATION);
    assertThat(first.metadata()).containsEntry("refundOf", deduction.toString());
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.refund(deduction, 2, "failed doc", null, "k-r2")))
        .isInstanceOf(RefundExceedsDeductionException.class)
        .hasMessageContaining("1 left");
    AdjustmentResult rest = service.apply(AdjustmentRequest.refund(deduction, null, "failed doc", null, "k-r3"));
    assertThat(rest.amount()).isEqualTo(1);
    assertThat(db.balance(user, "free_credits")).isEqualTo(10);
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.refund(deduction, null, "again", null, "k-r4")))
        .isInstanceOf(RefundExceedsDeductionException.class);
  }

  @Test
  void onlyDeductionsCanBeRefunded() {
    UUID user = db.insertUser("notded@example.com", 10, 20);
    AdjustmentResult grant = service.apply(AdjustmentRequest.grant(
        user, FeatureType.CHAT_TOOL_CALL, 2, "promo", null, "k-nd-1"));
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.refund(grant.ledgerId(), 1, "nope", null, "k-nd-2")))
        .isInstanceOf(NotRefundableException.class);
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.refund(UUID.randomUUID(), 1, "nope", null, "k-nd-3")))
        .isInstanceOf(NotRefundableException.class);
  }

  @Test
  void unknownUserIsTyped() {
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.grant(
            UUID.randomUUID(), FeatureType.CHAT_MESSAGE, 1, "who is this", null, "k-unknown")))
        .isInstanceOf(UserNotFoundException.class);
    assertThat(db.count("SELECT count(*) FROM creditdesk.adjustment")).isZero();
  }

  @Test
  void sameKeyReplaysAndDifferentContentIsRefused() {
    UUID user = db.insertUser("idem@example.com", 10, 20);
    AdjustmentRequest request = AdjustmentRequest.grant(
        user, FeatureType.CHAT_TOOL_CALL, 7, "promo", "T-9", "k-idem");
    AdjustmentResult first = service.apply(request);
    AdjustmentResult again = service.apply(request);
    assertThat(again.replayed()).isTrue();
    assertThat(again.ledgerId()).isEqualTo(first.ledgerId());
    assertThat(again.balanceAfter()).isEqualTo(first.balanceAfter());
    assertThat(db.balance(user, "free_credits")).isEqualTo(17);
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.grant(
            user, FeatureType.CHAT_TOOL_CALL, 8, "promo", "T-9", "k-idem")))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(db.balance(user, "free_credits")).isEqualTo(17);
  }

  @Test
  void supportLoginIsRefusedByTheDatabase() {
    UUID user = db.insertUser("support@example.com", 10, 20);
    String support = db.createStaff(StaffRole.SUPPORT);
    try (HikariDataSource supportPool = Pools.open(db.settingsFor(support), "support", 1)) {
      AdjustmentService asSupport = new AdjustmentService(supportPool);
      assertThatThrownBy(() -> asSupport.apply(AdjustmentRequest.grant(
              user, FeatureType.CHAT_MESSAGE, 1, "should not work", null, "k-support")))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("ermission denied")
          .hasMessageNotContaining("42501");
    }
    assertThat(db.balance(user, "free_chat_messages")).isEqualTo(20);
  }

  @Test
  void databaseEnforcesLimitsEvenIfClientSkipsValidation() throws Exception {
    UUID user = db.insertUser("raw@example.com", 10, 20);
    try (var c = db.connectAs(admin); var s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM creditdesk.adjust('grant', '" + user
              + "', 'chat_message', 10001, 'too much', null, 'k-raw-1')"))
          .hasMessageContaining("from 1 to 10000");
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM creditdesk.adjust('grant', '" + user
              + "', 'chat_message', 1, ' x ', null, 'k-raw-2')"))
          .hasMessageContaining("reason");
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM creditdesk.adjust('grant', '" + user
              + "', 'chat_message', 1, 'bidi \u202e trick', null, 'k-raw-3')"))
          .hasMessageContaining("direction");
    }
    assertThat(db.balance(user, "free_chat_messages")).isEqualTo(20);
  }
}
