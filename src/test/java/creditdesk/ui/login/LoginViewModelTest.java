package creditdesk.ui.login;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.ConnectionTarget;
import creditdesk.service.connect.EmbeddedStartService;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.connect.StoredPasswords;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The login window's behaviour, without a toolkit, against a real database. */
class LoginViewModelTest {
  private static final String WRONG_LOGIN =
      "The database refused the login: wrong user name or password, or the login is disabled.";

  private final TestDatabase db = TestPostgres.newDatabase();
  private final List<StaffSession> sessions = new ArrayList<>();
  private final EmbeddedStartService embeddedStart =
      new EmbeddedStartService(EmbeddedStartService.DemoDataLoader.NONE);

  private LoginViewModel viewModel(ConnectionTarget target) {
    return new LoginViewModel(
        target, embeddedStart, new LoginService(), new CurrentThreadTaskExecutor(), sessions::add);
  }

  private LoginViewModel remote(String user) {
    return viewModel(new ConnectionTarget.Remote(db.jdbcUrl(), user));
  }

  @AfterEach
  void closeSessions() {
    sessions.forEach(StaffSession::close);
    embeddedStart.close();
  }

  @Test
  void staffMemberLogsInAndTheSessionIsHandedOn() {
    String admin = db.createStaff(StaffRole.ADMIN);
    LoginViewModel vm = remote(null);
    vm.start();
    vm.loginProperty().set(admin);
    vm.passwordProperty().set(TestDatabase.STAFF_PASSWORD);
    assertThat(vm.isCanLogIn()).isTrue();

    vm.logIn();

    assertThat(sessions).singleElement().satisfies(s -> {
      assertThat(s.login()).isEqualTo(admin);
      assertThat(s.role()).isEqualTo(StaffRole.ADMIN);
    });
    assertThat(vm.getError()).isEmpty();
    assertThat(vm.isBusy()).isFalse();
    assertThat(vm.passwordProperty().get()).as("password kept no longer than needed").isEmpty();
  }

  @Test
  void wrongPasswordGivesOneSentenceAndAllowsAnotherTry() {
    String support = db.createStaff(StaffRole.SUPPORT);
    LoginViewModel vm = remote(support);
    vm.start();
    assertThat(vm.loginProperty().get()).as("the suggested login is filled in").isEqualTo(support);
    vm.passwordProperty().set("not-the-password");

    vm.logIn();

    assertThat(sessions).isEmpty();
    assertThat(vm.getError()).isEqualTo(WRONG_LOGIN);
    assertThat(vm.isHasError()).isTrue();
    assertThat(vm.isBusy()).isFalse();
    assertThat(vm.isCanLogIn()).isTrue();

    vm.passwordProperty().set(TestDatabase.STAFF_PASSWORD);
    assertThat(vm.getError()).as("editing clears the stale error").isEmpty();
    vm.logIn();
    assertThat(sessions).singleElement().extracting(StaffSession::role).isEqualTo(StaffRole.SUPPORT);
  }

  @Test
  void emptyPasswordUsesTheOneStoredForTheLogin() {
    String admin = db.createStaff(StaffRole.ADMIN);
    StoredPasswords pgpass =
        login ->
            login.equals(admin)
                ? Optional.of(TestDatabase.STAFF_PASSWORD.toCharArray())
                : Optional.empty();
    LoginViewModel vm =
        new LoginViewModel(
            new ConnectionTarget.Remote(db.jdbcUrl(), admin),
            pgpass,
            embeddedStart,
            new LoginService(),
            new CurrentThreadTaskExecutor(),
            sessions::add);
    vm.start();
    assertThat(vm.getPasswordPrompt()).isEqualTo(LoginViewModel.STORED_PASSWORD_PROMPT);
    assertThat(vm.isCanLogIn()).as("an empty password may be stored").isTrue();

    vm.logIn();
    assertThat(sessions).singleElement().extracting(StaffSession::role).isEqualTo(StaffRole.ADMIN);

    vm.loginProperty().set("somebody_else");
    vm.logIn();
    assertThat(sessions).hasSize(1);
    assertThat(vm.getError()).isEqualTo(
        "No password was typed and none is stored for \"somebody_else\" (PGPASSWORD or ~/.pgpass).");
  }

  @Test
  void withoutStoredPasswordsThePasswordMustBeTyped() {
    LoginViewModel vm = remote("someone");
    vm.start();
    assertThat(vm.getPasswordPrompt()).isEqualTo(LoginViewModel.PASSWORD_PROMPT);
    assertThat(vm.isCanLogIn()).isFalse();
  }

  @Test
  void loginThatIsNoStaffMemberIsTurnedAway() {
    // The cluster superuser logs in by trust: the database lets it in, creditdesk does not.
    LoginViewModel vm = remote("postgres");
    vm.start();
    vm.passwordProperty().set("anything");
    vm.logIn();
    assertThat(sessions).isEmpty();
    assertThat(vm.getError()).contains("is not a creditdesk staff member");
  }

  @Test
  void logInIsOfferedOnlyWithLoginPasswordAndADatabase() {
    LoginViewModel vm = remote(null);
    vm.loginProperty().set("someone");
    vm.passwordProperty().set("secret-enough");
    assertThat(vm.isCanLogIn()).as("no database yet").isFalse();
    vm.start();
    assertThat(vm.isCanLogIn()).isTrue();
    vm.loginProperty().set("  ");
    assertThat(vm.isCanLogIn()).isFalse();
    vm.loginProperty().set("someone");
    vm.passwordProperty().set("");
    assertThat(vm.isCanLogIn()).isFalse();
    vm.logIn();
    assertThat(vm.isBusy()).isFalse();
    assertThat(vm.getError()).isEmpty();
  }

  @Test
  void remoteDatabaseIsNamedByHostAndDatabaseAndShowsNoDemoLogins() {
    LoginViewModel vm =
        viewModel(
            new ConnectionTarget.Remote(
                "jdbc:postgresql://db.example.com:5432/credits?sslmode=verify-full&sslrootcert=/x", null));
    assertThat(vm.getDatabaseName()).isEqualTo("db.example.com:5432/credits");
    assertThat(vm.isShowDemoLogins()).isFalse();
    assertThat(vm.getDemoLogins()).isEmpty();
  }

  @Test
  void unreachableDatabaseSaysSoInOneSentence() {
    // Port 1 on loopback: nothing listens, the refusal is immediate.
    LoginViewModel vm = viewModel(new ConnectionTarget.Remote("jdbc:postgresql://127.0.0.1:1/x", "a"));
    vm.start();
    vm.passwordProperty().set("whatever");
    vm.logIn();
    assertThat(sessions).isEmpty();
    assertThat(vm.getError()).isNotBlank().doesNotContain("\n").doesNotContain("Exception");
  }
}
