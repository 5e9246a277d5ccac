package creditdesk.service.user;

import creditdesk.domain.Plan;
import creditdesk.domain.RenewalPeriod;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the user detail screen (and {@code creditdesk show}) shows above the history.
 *
 * @param level null when the database has no level column (likewise status, renewal period)
 * @param plan the plan as the web app computes it when the user was read
 * @param credits the stored balance, as the web app reads it, and what the ledger explains
 * @param missing the "User" columns this build reads that the database does not have
 */
public record UserDetail(
    UUID id,
    String email,
    String name,
    UserLevel level,
    UserStatus status,
    RenewalPeriod renewalPeriod,
    LocalDateTime createdAt,
    LocalDateTime lastPayment,
    boolean demo,
    boolean emailVerified,
    String provider,
    Plan plan,
    BalanceExplanation credits,
    BalanceExplanation chatMessages,
    Set<String> missing) {

  public UserDetail {
    missing = Set.copyOf(missing);
  }

  /** True exactly when the web app neither checks nor charges this user's balances. */
  public boolean unlimited() {
    return plan.unlimited();
  }
}
