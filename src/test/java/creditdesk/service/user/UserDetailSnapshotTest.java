package creditdesk.service.user;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.StaffSession;
import creditdesk.testing.Staff;
import creditdesk.testing.StaffSessionExtension;
import creditdesk.testing.TestDatabase;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user screen reads the balances and the ledger sums in one snapshot: a web-app deduction and
 * its ledger row committed between the two reads must not show as a disagreement.
 */
@ExtendWith(StaffSessionExtension.class)
class UserDetailSnapshotTest {
  @Test
  void aWebAppDeductionCommittedBetweenTheReadsIsNotAFalseDisagreement(
      TestDatabase db, @Staff(StaffRole.SUPPORT) StaffSession session) {
    UUID user = db.insertUser("snapshot@example.com", 10, 20);
    AtomicReference<UUID> committed = new AtomicReference<>();
    // Runs on the reading thread after the user row is read and before the ledger sums: the web
    // app's deduction and its ledger insert, each committed on its own connection.
    UserDetailService details =
        new UserDetailService(
            session.sessionFactory(),
            Clock.systemUTC(),
            () -> committed.compareAndSet(null, db.webAppDeduct(user, "document_generation", 2)));

    UserDetail during = details.load(user);
    assertThat(committed.get()).as("the web app's deduction committed between the reads").isNotNull();
    assertThat(db.balance(user, "free_credits")).isEqualTo(8);
    assertThat(during.credits().actual()).as("the balance as of the snapshot").isEqualTo(10);
    assertThat(during.credits().deductions()).as("the ledger as of the same snapshot").isZero();
    assertThat(during.credits().agrees()).isTrue();

    UserDetail after = details.load(user);
    assertThat(after.credits().actual()).isEqualTo(8);
    assertThat(after.credits().deductions()).isEqualTo(2);
    assertThat(after.credits().agrees()).isTrue();
  }
}
