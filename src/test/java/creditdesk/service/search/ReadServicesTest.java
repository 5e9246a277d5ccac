package creditdesk.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Pools;
import creditdesk.domain.Balance;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.common.UserNotFoundException;
import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.HistoryPage;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.service.user.UserDetail;
import creditdesk.service.user.UserDetailService;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadServicesTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final StaffSession session =
      new LoginService().login(db.settingsFor(db.createStaff(StaffRole.SUPPORT)));
  private final String admin = db.createStaff(StaffRole.ADMIN);
  private final HikariDataSource adminPool = Pools.open(db.settingsFor(admin), "admin", 2);

  @AfterEach
  void close() {
    session.close();
    adminPool.close();
  }

  @Test
  void searchRanksExactThenPrefixThenSubstringAndTakesMetacharactersLiterally() {
    db.insertUser("xmaria@example.com", 1, 1);
    UUID exact = db.insertUser("maria@example.com", 1, 1);
    db.insertUser("maria.lopez@example.com", 1, 1);
    UUID percent = db.insertUser("100%_sure\\x@example.com", 1, 1);
    db.insertUser("100ab_sure@example.com", 1, 1);
    UserSearchService search = new UserSearchService(session.sessionFactory());

    List<UserSummary> maria = search.search("Maria@example.com", 0).users();
    assertThat(maria).extracting(UserSummary::id).first().isEqualTo(exact);
    assertThat(search.search("maria", 0).users()).extracting(UserSummary::email)
        .containsExactly("maria.lopez@example.com", "maria@example.com", "xmaria@example.com");
    assertThat(search.search("%_sure\\", 0).users()).extracting(UserSummary::id).containsExactly(percent);
    assertThat(search.search("'; drop table", 0).users()).isEmpty();
    assertThat(search.search(exact.toString(), 0).users()).extracting(UserSummary::id).containsExactly(exact);
    assertThat(search.search("User maria@example.com", 0).users()).extracting(UserSummary::id)
        .containsExactly(exact);
    assertThat(search.search("   ", 0).users()).isEmpty();
  }

  @Test
  void searchPages() {
    for (int i = 0; i < UserSearchService.PAGE_SIZE + 5; i++) {
      db.insertUser(String.format("pager%03d@example.com", i), 1, 1);
    }
    UserSearchService search = new UserSearchService(session.sessionFactory());
    SearchPage first = search.search("pager", 0);
    SearchPage second = search.search("pager", 1);
    assertThat(first.users()).hasSize(UserSearchService.PAGE_SIZE);
    assertThat(first.hasMore()).isTrue();
    assertThat(second.users()).hasSize(5);
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void historyIsNewestFirstByKeyWithSignedAmountsAndRefundLinks() throws Exception {
    UUID user = db.insertUser("history@example.com", 50, 20);
    List<UUID> deductions = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      deductions.add(db.webAppDeduct(user, i % 2 == 0 ? "document_generation" : "chat_message", 1));
    }
    // identical timestamps must not lose or repeat rows across pages
    db.execute("UPDATE \"User\" SET name = name WHERE false");
    AdjustmentService adjust = new AdjustmentService(adminPool);
    adjust.apply(AdjustmentRequest.refund(deductions.get(0), 1, "failed doc", "T-1", "k-h-1"));
    adjust.apply(AdjustmentRequest.grant(user, FeatureType.CHAT_TOOL_CALL, 4, "promo", null, "k-h-2"));

    HistoryService history = new HistoryService(session.sessionFactory());
    List<LedgerEntry> all = new ArrayList<>();
    HistoryPage page = history.page(user, HistoryFilter.NONE, null, 10);
    all.addAll(page.entries());
    while (page.hasMore()) {
      page = history.page(user, HistoryFilter.NONE, page.next(), 10);
      all.addAll(page.entries());
    }
    assertThat(all).hasSize(27);
    assertThat(all).extracting(LedgerEntry::id).doesNotHaveDuplicates();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i - 1).createdAt()).isAfterOrEqualTo(all.get(i).createdAt());
    }
    LedgerEntry grant = all.get(0);
    assertThat(grant.operation()).isEqualTo(OperationType.GRANT);
    assertThat(grant.signedAmount()).isEqualTo(4);
    assertThat(grant.actor()).isEqualTo(admin);
    assertThat(grant.source()).isEqualTo(LedgerSource.CREDITDESK);
    LedgerEntry refund = all.get(1);
    assertThat(refund.refundOf()).isEqualTo(deductions.get(0));
    assertThat(refund.ticket()).isEqualTo("T-1");
    LedgerEntry firstDeduction = all.stream().filter(e -> e.id().equals(deductions.get(0))).findFirst().orElseThrow();
    assertThat(firstDeduction.signedAmount()).isEqualTo(-1);
    assertThat(firstDeduction.refunded()).isEqualTo(1);
    assertThat(firstDeduction.refundable()).isZero();
    assertThat(firstDeduction.source()).isEqualTo(LedgerSource.WEBAPP);

    assertThat(history.page(user, new HistoryFilter(null, null, null, null, LedgerSource.CREDITDESK), null, 100)
            .entries()).hasSize(2);
    assertThat(history.page(user, new HistoryFilter(OperationType.DEDUCT, FeatureType.CHAT_MESSAGE, null, null,
            LedgerSource.WEBAPP), null, 100).entries()).hasSize(12);
    assertThatThrownBy(() -> new HistoryFilter(null, null, java.time.LocalDate.of(2026, 2, 1),
            java.time.LocalDate.of(2026, 1, 1), null)).isInstanceOf(ValidationException.class);
  }

  @Test
  void detailShowsWhereBalanceAndLedgerDisagree() {
    UUID user = db.insertUser("gap@example.com", 10, 20);
    db.webAppDeduct(user, "document_generation", 2);
    // the web app's deduction whose ledger insert failed: balance moved, no row
    db.execute("UPDATE \"User\" SET free_credits = free_credits - 1 WHERE id = '" + user + "'");
    // the web app's unlogged refund of a failed operation
    db.execute("UPDATE \"User\" SET free_chat_messages = COALESCE(free_chat_messages, 0) + 3 WHERE id = '"
        + user + "'");
    UserDetail detail = new UserDetailService(session.sessionFactory()).load(user);
    assertThat(detail.credits().actual()).isEqualTo(7);
    assertThat(detail.credits().implied()).isEqualTo(8);
    assertThat(detail.credits().unexplained()).isEqualTo(-1);
    assertThat(detail.credits().summary()).contains("1 credits fewer than the ledger explains");
    assertThat(detail.chatMessages().balance()).isEqualTo(Balance.CHAT_MESSAGES);
    assertThat(detail.chatMessages().unexplained()).isEqualTo(3);

    UUID legacy = db.insertUser("legacy@example.com", null, null);
    UserDetail legacyDetail = new UserDetailService(session.sessionFactory()).load(legacy);
    assertThat(legacyDetail.credits().actual()).isNull();
    assertThat(legacyDetail.credits().webApp()).as("the web app's default for NULL").isEqualTo(10);
    assertThat(legacyDetail.credits().unset()).isTrue();
    assertThat(legacyDetail.chatMessages().webApp()).isEqualTo(20);
    assertThat(legacyDetail.credits().summary())
        .startsWith("Never set: the web app shows 10 credits (its default for an empty balance) but"
            + " cannot charge them until the balance is initialised. Agrees with the ledger.");
    // A deduction the web app logged before the balance became NULL is explained from the default.
    db.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type)"
        + " VALUES ('" + legacy + "', 1, 'deduct', 'chat_message')");
    assertThat(new UserDetailService(session.sessionFactory()).load(legacy).chatMessages().unexplained())
        .as("20 shown, 19 implied").isEqualTo(1);
    // The settings say what the web app shows; absent, 10 and 20.
    db.execute("INSERT INTO creditdesk.setting (name, value) VALUES ('webapp_unset_free_credits', '15')"
        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    assertThat(new UserDetailService(session.sessionFactory()).load(legacy).credits().webApp()).isEqualTo(15);
    assertThatThrownBy(() -> new UserDetailService(session.sessionFactory()).load(UUID.randomUUID()))
        .isInstanceOf(UserNotFoundException.class);
  }
}
