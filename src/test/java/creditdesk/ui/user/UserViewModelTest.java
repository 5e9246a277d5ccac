package creditdesk.ui.user;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.service.AdjustmentRequest;
import creditdesk.service.AdjustmentService;
import creditdesk.service.HistoryService;
import creditdesk.service.LedgerEntry;
import creditdesk.service.LedgerSource;
import creditdesk.service.LoginService;
import creditdesk.service.StaffSession;
import creditdesk.service.UserDetailService;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import creditdesk.ui.Formats;
import creditdesk.ui.adjust.AdjustmentViewModel;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The user screen's view models against a real database, on the current thread. */
class UserViewModelTest {
  private static final TestDatabase DB = TestPostgres.newDatabase();
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static StaffSession admin;
  private static StaffSession support;
  private static String adminLogin;

  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
  private int backs;

  @BeforeAll
  static void login() {
    adminLogin = DB.createStaff(StaffRole.ADMIN);
    admin = new LoginService().login(DB.settingsFor(adminLogin));
    support = new LoginService().login(DB.settingsFor(DB.createStaff(StaffRole.SUPPORT)));
  }

  @AfterAll
  static void close() {
    admin.close();
    support.close();
  }

  private UserViewModel model(StaffSession session, UUID user) {
    UserServices services =
        new UserServices(
            new UserDetailService(session.sessionFactory()),
            new HistoryService(session.sessionFactory()),
            new AdjustmentService(session.dataSource()));
    UserViewModel model = new UserViewModel(user, session.role(), services, tasks, ZONE, () -> backs++);
    model.start();
    return model;
  }

  @Test
  void identityAndBalanceCardsSayWhatTheLedgerExplains() {
    UUID user = DB.insertUser("cards@example.com", 10, 20);
    DB.webAppDeduct(user, "document_generation", 2);
    // An unlogged web-app refund: the balance moves, the ledger does not.
    DB.execute("UPDATE \"User\" SET free_credits = free_credits + 3 WHERE id = '" + user + "'");

    UserViewModel model = model(support, user);
    assertThat(model.getEmail()).isEqualTo("cards@example.com");
    assertThat(model.getName()).isEqualTo("User cards@example.com");
    assertThat(model.getLevel()).isEqualTo("Free");
    assertThat(model.getStatus()).isEqualTo("Active");
    assertThat(model.getDemo()).isEqualTo("No");
    assertThat(model.getId()).isEqualTo(user.toString());
    assertThat(model.isNotCharged()).isFalse();

    BalanceCardModel credits = model.getCredits();
    assertThat(credits.getActual()).isEqualTo("11");
    assertThat(credits.getImplied()).isEqualTo("Ledger implies 8");
    assertThat(credits.isAgrees()).isFalse();
    assertThat(credits.getDifference()).isEqualTo("3 credits more than the ledger explains");
    assertThat(credits.getSummary()).startsWith("3 credits more than the ledger explains");

    BalanceCardModel chat = model.getChatMessages();
    assertThat(chat.getActual()).isEqualTo("20");
    assertThat(chat.isAgrees()).isTrue();
    assertThat(chat.getDifference()).isEqualTo("Agrees with the ledger");

    model.back();
    assertThat(backs).isEqualTo(1);
  }

  @Test
  void aLegacyAccountShowsNotSetAndPaidUsersAreNotCharged() {
    UUID legacy = DB.insertUser("legacy@example.com", null, null);
    UserViewModel model = model(support, legacy);
    assertThat(model.getCredits().getActual()).isEqualTo(Formats.NOT_SET_LEGACY);
    assertThat(model.getCredits().isLegacy()).isTrue();
    assertThat(model.getChatMessages().getActual()).isEqualTo("not set (legacy account)");

    UUID paid = DB.insertUser("paid@example.com", 10, 20);
    DB.execute("UPDATE \"User\" SET level = 'paid' WHERE id = '" + paid + "'");
    UserViewModel paidModel = model(support, paid);
    assertThat(paidModel.isNotCharged()).isTrue();
    assertThat(paidModel.getCharging()).isEqualTo("Paid users are not charged; their balances do not limit them.");
  }

  @Test
  void supportIsOfferedNoAdjustments() {
    UUID user = DB.insertUser("support-view@example.com", 10, 20);
    UUID deduction = DB.webAppDeduct(user, "document_generation", 1);
    UserViewModel model = model(support, user);
    assertThat(model.canAdjust()).isFalse();
    assertThat(model.grant()).isNull();
    assertThat(model.correct()).isNull();
    model.getHistory().selectedProperty().set(model.getHistory().getEntries().get(0));
    assertThat(model.getHistory().getSelected().id()).isEqualTo(deduction);
    assertThat(model.isCanRefund()).isFalse();
    assertThat(model.refund()).isNull();
  }

  @Test
  void refundOfASelectedDeductionUpdatesBalancesAndHighlightsTheNewRow() {
    UUID user = DB.insertUser("refund-vm@example.com", 10, 20);
    UUID deduction = DB.webAppDeduct(user, "workstream_clustering", 2);
    UserViewModel model = model(admin, user);
    assertThat(model.getCredits().getActual()).isEqualTo("8");
    assertThat(model.isCanRefund()).as("nothing selected").isFalse();

    model.getHistory().selectedProperty().set(model.getHistory().getEntries().get(0));
    assertThat(model.isCanRefund()).isTrue();
    AdjustmentViewModel refund = model.refund();
    assertThat(refund.amountProperty().get()).as("pre-filled with what is left").isEqualTo("2");
    assertThat(refund.getFeatures()).containsExactly(FeatureType.WORKSTREAM_CLUSTERING);
    refund.amountProperty().set("1");
    refund.reasonProperty().set("clustering failed");
    refund.ticketProperty().set("SUP-9");
    assertThat(refund.getPreview()).isEqualTo("free credits 8 → 9");
    refund.apply();
    assertThat(refund.getError()).isEmpty();
    model.adjusted(refund.getResult());

    assertThat(model.getCredits().getActual()).isEqualTo("9");
    assertThat(model.getNotice()).isEqualTo("Refund of 1 credit applied: free credits 8 → 9.");
    HistoryViewModel history = model.getHistory();
    LedgerEntry newRow = history.getEntries().get(0);
    assertThat(newRow.id()).isEqualTo(refund.getResult().ledgerId());
    assertThat(history.getHighlighted()).isEqualTo(newRow.id());
    assertThat(history.getSelected()).isEqualTo(newRow);
    assertThat(newRow.actor()).isEqualTo(adminLogin);
    assertThat(newRow.reason()).isEqualTo("clustering failed");
    assertThat(newRow.ticket()).isEqualTo("SUP-9");
    assertThat(newRow.refundOf()).isEqualTo(deduction);
    assertThat(history.getEntries().get(1).refunded()).isEqualTo(1);
    assertThat(history.getEntries().get(1).refundable()).isEqualTo(1);
  }

  @Test
  void historyPagesByKeyFiltersAndFindsARefundedDeductionOnAnOlderPage() {
    UUID user = DB.insertUser("history-vm@example.com", 100, 100);
    List<UUID> deductions = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      deductions.add(DB.webAppDeduct(user, i % 5 == 0 ? "chat_message" : "document_generation", 1));
    }
    new AdjustmentService(admin.dataSource())
        .apply(AdjustmentRequest.refund(deductions.get(0), null, "oldest one", null, "k-vm-hist"));

    HistoryViewModel history = new HistoryViewModel(user, new HistoryService(support.sessionFactory()), tasks, 10);
    history.reload();
    assertThat(history.getEntries()).hasSize(10);
    assertThat(history.isHasMore()).isTrue();
    assertThat(history.getMessage()).isEqualTo("10 rows loaded, older rows below");
    LedgerEntry refund = history.getEntries().get(0);
    assertThat(refund.operation()).isEqualTo(OperationType.REFUND);
    assertThat(refund.source()).isEqualTo(LedgerSource.CREDITDESK);

    history.selectRefunded(refund);
    assertThat(history.getSelected().id()).as("found three pages down").isEqualTo(deductions.get(0));
    assertThat(history.getEntries()).hasSize(26);
    assertThat(history.getEntries()).extracting(LedgerEntry::id).doesNotHaveDuplicates();
    for (int i = 1; i < history.getEntries().size(); i++) {
      LedgerEntry newer = history.getEntries().get(i - 1);
      LedgerEntry older = history.getEntries().get(i);
      assertThat(newer.createdAt()).isAfterOrEqualTo(older.createdAt());
    }

    history.featureProperty().set(FeatureType.CHAT_MESSAGE);
    // five chat deductions and the refund of the first, which keeps its feature
    assertThat(history.getEntries()).hasSize(6).allMatch(e -> e.feature() == FeatureType.CHAT_MESSAGE);
    assertThat(history.isFiltered()).isTrue();
    history.sourceProperty().set(LedgerSource.CREDITDESK);
    assertThat(history.getEntries()).extracting(LedgerEntry::id).containsExactly(refund.id());
    history.operationProperty().set(OperationType.GRANT);
    assertThat(history.getEntries()).isEmpty();
    assertThat(history.getMessage()).isEqualTo("No ledger rows match the filters.");
    history.operationProperty().set(null);
    assertThat(history.getEntries()).extracting(LedgerEntry::id).containsExactly(refund.id());
    history.selectRefunded(history.getEntries().get(0));
    assertThat(history.isFiltered()).as("filters that hide the deduction are cleared").isFalse();
    assertThat(history.getSelected().id()).isEqualTo(deductions.get(0));

    history.featureProperty().set(FeatureType.CHAT_MESSAGE);
    history.clearFilters();
    assertThat(history.isFiltered()).isFalse();
    assertThat(history.getEntries()).hasSize(10);

    history.fromProperty().set(LocalDate.now().plusDays(2));
    history.toProperty().set(LocalDate.now());
    assertThat(history.getError()).isEqualTo("The start date is after the end date.");
    assertThat(history.getEntries()).isEmpty();
  }

  @Test
  void labelsTheWebAppAddedAndAForgedSourceAreShownAsTheyAre() throws Exception {
    UUID user = DB.insertUser("newlabels@example.com", 30, 20);
    DB.execute("ALTER TYPE public.feature_type ADD VALUE IF NOT EXISTS 'standup_generation'");
    DB.execute("ALTER TYPE public.user_level ADD VALUE IF NOT EXISTS 'enterprise'");
    DB.execute("UPDATE \"User\" SET level = 'enterprise' WHERE id = '" + user + "'");
    UUID standup = DB.webAppDeduct(user, "standup_generation", 2);
    DB.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
        + " VALUES ('" + user + "', 1, 'grant', 'chat_message', jsonb_build_object('source', 'creditdesk',"
        + " 'actor', '" + adminLogin + "', 'reason', 'forged goodwill'))");

    UserViewModel model = model(support, user);
    assertThat(model.getLevel()).isEqualTo("enterprise");
    List<LedgerEntry> rows = model.getHistory().getEntries();
    assertThat(rows).hasSize(2);
    LedgerEntry deduction = rows.stream().filter(e -> e.id().equals(standup)).findFirst().orElseThrow();
    assertThat(Formats.feature(deduction.feature())).isEqualTo("standup_generation");
    assertThat(Formats.operation(deduction.operation())).isEqualTo("Deduct");
    LedgerEntry fake = rows.stream().filter(e -> !e.id().equals(standup)).findFirst().orElseThrow();
    assertThat(Formats.source(fake.source())).isEqualTo("web app");
    assertThat(fake.actor()).isNull();
    assertThat(fake.reason()).isNull();
    assertThat(fake.metadataJson()).contains("forged goodwill");

    // A console opened after the change offers the new feature in filters and the grant dialog.
    try (StaffSession fresh = new LoginService().login(DB.settingsFor(adminLogin))) {
      UserServices services =
          new UserServices(
              new UserDetailService(fresh.sessionFactory()),
              new HistoryService(fresh.sessionFactory()),
              new AdjustmentService(fresh.dataSource()),
              fresh.labels());
      UserViewModel adminModel = new UserViewModel(user, fresh.role(), services, tasks, ZONE, () -> backs++);
      adminModel.start();
      assertThat(adminModel.featureChoices()).contains(FeatureType.fromDb("standup_generation"));
      assertThat(adminModel.grant().getFeatures()).contains(FeatureType.fromDb("standup_generation"));
      assertThat(adminModel.correct().getFeatures()).contains(FeatureType.fromDb("standup_generation"));
      adminModel.getHistory().selectedProperty().set(deduction);
      AdjustmentViewModel refund = adminModel.refund();
      assertThat(refund.getFeatures()).containsExactly(FeatureType.fromDb("standup_generation"));
    }
  }
}
