package creditdesk.ui.user;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.service.user.BalanceInitialisationService;
import creditdesk.service.user.UserDetailService;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import creditdesk.ui.Formats;
import creditdesk.ui.adjust.AdjustmentViewModel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-29T20:00:00Z"), ZoneOffset.UTC);
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
            new AdjustmentService(session.dataSource()),
            new BalanceInitialisationService(session.dataSource()));
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
  void aLegacyAccountShowsTheWebAppDefaultAndThatItCannotBeCharged() {
    UUID legacy = DB.insertUser("legacy@example.com", null, null);
    UserViewModel model = model(support, legacy);
    assertThat(model.getCredits().getActual()).isEqualTo("10 (not set — web app default)");
    assertThat(model.getCredits().isLegacy()).isTrue();
    assertThat(model.getChatMessages().getActual()).isEqualTo("20 (not set — web app default)");
    assertThat(model.isUncharged()).isTrue();
    assertThat(model.getChargeWarning())
        .isEqualTo("The web app shows 10 credits and 20 chat messages but cannot charge them until"
            + " the balances are initialised.");
    // The web app counts 10 for NULL: against a ledger with no rows and a default of 10, it agrees.
    assertThat(model.getCredits().isAgrees()).isTrue();
    assertThat(model.getCredits().getSummary()).startsWith("Never set: the web app shows 10 credits");

    UUID half = DB.insertUser("half-legacy@example.com", null, 4);
    UserViewModel halfModel = model(support, half);
    assertThat(halfModel.getChargeWarning())
        .isEqualTo("The web app shows 10 credits but cannot charge them until the balance is initialised.");
    assertThat(halfModel.getChatMessages().getActual()).isEqualTo("4");

    UUID set = DB.insertUser("set@example.com", 0, 0);
    assertThat(model(support, set).isUncharged()).isFalse();
  }

  @Test
  void anAdminInitialisesANeverSetBalanceFromTheUserScreen() {
    UUID legacy = DB.insertUser("initialise-me@example.com", null, 7);
    assertThat(model(support, legacy).isCanInitialise()).as("support only reads").isFalse();

    UserViewModel model = model(admin, legacy);
    assertThat(model.isCanInitialise()).isTrue();
    model.initialise();

    assertThat(model.getError()).isEmpty();
    assertThat(DB.balance(legacy, "free_credits")).isEqualTo(10);
    assertThat(DB.balance(legacy, "free_chat_messages")).as("a set balance stays").isEqualTo(7);
    assertThat(model.getNotice()).isEqualTo("Balance initialised: free credits 10. The web app can charge it now.");
    assertThat(model.getCredits().getActual()).isEqualTo("10");
    assertThat(model.isUncharged()).isFalse();
    assertThat(model.isCanInitialise()).isFalse();
    assertThat(DB.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + legacy + "'"))
        .as("the number the customer sees did not change: no ledger row").isZero();
  }

  @Test
  void thePlanIsTheWebAppsAndOnlyAnActiveUnlimitedPlanIsNotCharged() {
    UUID monthly = DB.insertUser("paid-monthly@example.com", 10, 20);
    DB.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'monthly',"
        + " last_payment = '2026-11-01 00:00' WHERE id = '" + monthly + "'");
    UserViewModel monthlyModel = fixedModel(monthly);
    assertThat(monthlyModel.isNotCharged()).as("'paid' on monthly is charged").isFalse();
    assertThat(monthlyModel.getPlan()).isEqualTo("Paid monthly");
    assertThat(monthlyModel.getCharging()).isEmpty();

    UUID yearly = DB.insertUser("paid-yearly@example.com", null, 20);
    DB.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'yearly',"
        + " last_payment = '2026-03-01 09:00' WHERE id = '" + yearly + "'");
    UserViewModel yearlyModel = fixedModel(yearly);
    assertThat(yearlyModel.isNotCharged()).isTrue();
    assertThat(yearlyModel.getPlan()).isEqualTo("Yearly until 2027-03-01, 92 days left");
    assertThat(yearlyModel.isPlanShown()).isTrue();
    assertThat(yearlyModel.getCharging())
        .isEqualTo("Yearly until 2027-03-01, 92 days left: the web app does not charge this user;"
            + " their balances do not limit them.");
    assertThat(yearlyModel.isUncharged()).as("nothing to warn of while nothing is charged").isFalse();

    UUID lapsed = DB.insertUser("paid-lapsed@example.com", 10, 20);
    DB.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'yearly',"
        + " last_payment = '2025-11-29 20:00' WHERE id = '" + lapsed + "'");
    UserViewModel lapsedModel = fixedModel(lapsed);
    assertThat(lapsedModel.isNotCharged()).as("a year to the second after the payment").isFalse();
    assertThat(lapsedModel.getPlan()).isEqualTo("Yearly, lapsed on 2026-11-29");

    UUID lifetime = DB.insertUser("paid-lifetime@example.com", 10, 20);
    DB.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'lifetime' WHERE id = '"
        + lifetime + "'");
    assertThat(fixedModel(lifetime).isNotCharged()).isTrue();
    assertThat(fixedModel(lifetime).getPlan()).isEqualTo("Lifetime");

    UUID demo = DB.insertUser("demo-plan@example.com", 10, 20);
    DB.execute("UPDATE \"User\" SET level = 'demo' WHERE id = '" + demo + "'");
    assertThat(fixedModel(demo).isNotCharged()).isTrue();
    assertThat(fixedModel(demo).getPlan()).isEqualTo("Demo");

    UUID free = DB.insertUser("free-plan@example.com", 10, 20);
    assertThat(fixedModel(free).getPlan()).isEqualTo("Free");
    assertThat(fixedModel(free).isPlanShown()).as("the level badge already says it").isFalse();
    assertThat(fixedModel(free).isNotCharged()).isFalse();
  }

  /** The user screen at 2026-11-29 20:00 UTC. */
  private UserViewModel fixedModel(UUID user) {
    UserServices services =
        new UserServices(
            new UserDetailService(support.sessionFactory(), NOW),
            new HistoryService(support.sessionFactory()),
            new AdjustmentService(support.dataSource()),
            new BalanceInitialisationService(support.dataSource()));
    UserViewModel model = new UserViewModel(user, support.role(), services, tasks, ZONE, () -> backs++);
    model.start();
    return model;
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
              new BalanceInitialisationService(fresh.dataSource()),
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
