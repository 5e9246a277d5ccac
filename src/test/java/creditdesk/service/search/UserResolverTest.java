package creditdesk.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.domain.StaffRole;
import creditdesk.service.common.UserNotFoundException;
import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserResolverTest {
  private final TestDatabase db = TestPostgres.newDatabase();

  @Test
  void resolvesByIdOrEmailAndRefusesAmbiguity() {
    UUID one = db.insertUser("one@example.com", 1, 2);
    UUID twinA = db.insertUser("twin@example.com", 3, 4);
    UUID twinB = db.insertUser("Twin@Example.com", 5, 6);
    try (StaffSession session = new LoginService().login(db.settingsFor(db.createStaff(StaffRole.SUPPORT)))) {
      UserResolver resolver = new UserResolver(session.sessionFactory());
      assertThat(resolver.resolve(one.toString()).email()).isEqualTo("one@example.com");
      assertThat(resolver.resolve(" ONE@example.com ").id()).isEqualTo(one);
      assertThatThrownBy(() -> resolver.resolve("twin@example.com"))
          .isInstanceOf(AmbiguousUserException.class)
          .hasMessageContaining(twinA.toString())
          .hasMessageContaining(twinB.toString());
      assertThatThrownBy(() -> resolver.resolve("nobody@example.com")).isInstanceOf(UserNotFoundException.class);
      assertThatThrownBy(() -> resolver.resolve(UUID.randomUUID().toString()))
          .isInstanceOf(UserNotFoundException.class);
      assertThatThrownBy(() -> resolver.resolve("  ")).isInstanceOf(ValidationException.class);
    }
  }
}
