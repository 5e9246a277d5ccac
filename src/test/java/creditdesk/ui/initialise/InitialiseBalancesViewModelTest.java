package creditdesk.ui.initialise;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.user.BalanceInitialisationService;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tools → Initialise legacy balances, without a toolkit, against a real database. */
class InitialiseBalancesViewModelTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
  private StaffSession admin;

  @BeforeEach
  void setUp() {
    admin = new LoginService().login(db.settingsFor(db.createStaff(StaffRole.ADMIN)));
    for (int i = 0; i < 5; i++) {
      db.insertUser("legacy" + i + "@example.com", null, i == 0 ? 3 : null);
    }
    db.insertUser("set@example.com", 4, 5);
  }

  @AfterEach
  void tearDown() {
    admin.close();
    db.drop();
  }

  private InitialiseBalancesViewModel model(int batch) {
    return new InitialiseBalancesViewModel(
        new BalanceInitialisationService(admin.dataSource()), tasks, batch);
  }

  private long unset() {
    return db.count("SELECT count(*) FROM \"User\" WHERE free_credits IS NULL OR free_chat_messages IS NULL");
  }

  @Test
  void theDryRunCountsAndChangesNothingThenInitialiseSetsEveryBalance() {
    InitialiseBalancesViewModel model = model(2);
    model.count();

    assertThat(model.getSummary()).startsWith("5 users have balances never set: 5 free-credit and 4"
        + " chat-message balances.");
    assertThat(model.isCanApply()).isTrue();
    assertThat(unset()).as("a dry run changes nothing").isEqualTo(5);

    model.apply();

    assertThat(model.getError()).isEmpty();
    assertThat(model.getStatus())
        .isEqualTo("Initialised 5 users: 5 free-credit and 4 chat-message balances.");
    assertThat(model.isDone()).isTrue();
    assertThat(model.isCanApply()).isFalse();
    assertThat(unset()).isZero();
    assertThat(db.count("SELECT count(*) FROM \"User\" WHERE free_credits = 10 AND email LIKE 'legacy%'"))
        .isEqualTo(5);
    assertThat(db.balance(db.insertUser("after@example.com", 1, 1), "free_credits")).isEqualTo(1);

    InitialiseBalancesViewModel again = model(2);
    again.count();
    assertThat(again.getSummary()).isEqualTo(
        "No user has a balance that was never set: nothing to initialise.");
    assertThat(again.isCanApply()).isFalse();
  }

  @Test
  void cancelStopsAfterTheBatchInProgressAndKeepsWhatWasSet() {
    InitialiseBalancesViewModel model = model(2);
    model.count();
    // The first batch's progress arrives while the run goes on: cancel there.
    model.progressProperty().addListener((obs, old, now) -> {
      if (now.doubleValue() > 0 && now.doubleValue() < 1) {
        model.cancel();
      }
    });

    model.apply();

    assertThat(model.getStatus()).startsWith("Cancelled.");
    assertThat(model.isCanApply()).as("it can run again for the rest").isTrue();
    assertThat(model.isDone()).isFalse();
    assertThat(unset()).isEqualTo(3);
  }

  @Test
  void aSupportLoginIsRefusedByTheDatabaseWithOneSentence() {
    try (StaffSession support =
        new LoginService().login(db.settingsFor(db.createStaff(StaffRole.SUPPORT)))) {
      InitialiseBalancesViewModel model = new InitialiseBalancesViewModel(
          new BalanceInitialisationService(support.dataSource()), tasks);
      model.count();
      assertThat(model.getError()).startsWith("Permission denied");
      assertThat(model.isCanApply()).isFalse();
      assertThat(unset()).isEqualTo(5);
    }
  }
}
