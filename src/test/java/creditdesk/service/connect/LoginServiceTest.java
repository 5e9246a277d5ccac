package creditdesk.service.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionGuard;
import creditdesk.domain.CreditTransaction;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.schema.SchemaOutdatedException;
import creditdesk.service.search.UserResolver;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginServiceTest {
  private final TestDatabase db = TestPostgres.newDatabase();

  @Test
  void staffLoginOpensSessionWithRoleAndReadsThroughHibernate() {
    UUID user = db.insertUser("ada@example.com", 10, 20);
    db.webAppDeduct(user, "document_generation", 2);
    String login = db.createStaff(StaffRole.SUPPORT);
    try (StaffSession session = new LoginService().login(db.settingsFor(login))) {
      assertThat(session.login()).isEqualTo(login);
      assertThat(session.role()).isEqualTo(StaffRole.SUPPORT);
      assertThat(session.schemaVersion()).isNotBlank();
      assertThat(new UserResolver(session).resolve(user.toString()).freeCredits()).isEqualTo(8);
      CreditTransaction tx = session.sessionFactory().fromTransaction(s ->
          s.createSelectionQuery("from CreditTransaction where userId = :u", CreditTransaction.class)
              .setParameter("u", user).getSingleResult());
      assertThat(tx.operation()).isEqualTo(OperationType.DEDUCT);
      assertThat(tx.metadata()).containsEntry("documentType", "weekly_report");
    }
  }

  @Test
  void unmigratedDatabaseSaysWhatIsMissing() {
    TestDatabase empty = TestPostgres.newDatabase(false);
    assertThatThrownBy(() -> new LoginService().login(
            new creditdesk.db.ConnectionSettings(empty.jdbcUrl(), "postgres", null, true)))
        .isInstanceOf(SchemaOutdatedException.class)
        .hasMessageContaining("creditdesk migrate");
  }

  @Test
  void wrongPasswordIsOneSentence() {
    String login = db.createStaff(StaffRole.ADMIN);
    assertThatThrownBy(() -> new LoginService().login(
            db.settingsFor(login).withPassword("nope-nope".toCharArray())))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessage("The database refused the login: wrong user name or password, or the login is disabled.");
  }

  @Test
  void aGuardRunsBeforeEveryConnectionOfTheSessionAndCanRefuseIt() {
    UUID user = db.insertUser("guarded@example.com", 10, 20);
    String admin = db.createStaff(StaffRole.ADMIN);
    AtomicInteger checks = new AtomicInteger();
    AtomicBoolean refuse = new AtomicBoolean();
    ConnectionGuard guard =
        () -> {
          checks.incrementAndGet();
          if (refuse.get()) {
            throw new IllegalStateException("no connection on this thread");
          }
        };
    try (StaffSession session = new LoginService(guard).login(db.settingsFor(admin))) {
      int afterLogin = checks.get();
      assertThat(afterLogin).as("the login itself connects through the guard").isPositive();
      new UserResolver(session).resolve(user.toString());
      assertThat(checks.get()).as("Hibernate connects through the guard").isGreaterThan(afterLogin);
      assertThat(session.dataSource()).as("still a Hikari pool").isInstanceOf(HikariDataSource.class);

      refuse.set(true);
      assertThatThrownBy(
              () -> new UserResolver(session).resolve(user.toString()))
          .hasStackTraceContaining("no connection on this thread");
      assertThatThrownBy(
              () ->
                  new AdjustmentService(session.dataSource())
                      .apply(
                          AdjustmentRequest.grant(
                              user, FeatureType.CHAT_TOOL_CALL, 5, "guarded grant", null, "k-guard")))
          .hasStackTraceContaining("no connection on this thread");
      assertThat(db.balance(user, "free_credits")).as("nothing was applied").isEqualTo(10);
    }
  }
}
