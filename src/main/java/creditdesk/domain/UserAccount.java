package creditdesk.domain;

import java.time.LocalDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A row of the web app's {@code "User"} table, without the password hash (no creditdesk role may
 * read it). Read-only here: balances change only through {@code creditdesk.adjust}, which moves
 * them relative to the current value inside the database.
 *
 * <p>Only id and email are required: the web app's migrations may drop any other column, and the
 * console then shows less. Such a column reads as null (false for flags) and is named in
 * {@code missing}.
 *
 * @param level null when the level column is missing; unknown labels are kept as they are
 * @param freeCredits null for NULL (a legacy user) and when the column is missing
 * @param missing the columns this build reads that the database does not have (or not for us)
 * @param unset what the web app shows for a NULL balance
 */
public record UserAccount(
    UUID id,
    String email,
    String name,
    String provider,
    LocalDateTime createdAt,
    LocalDateTime updatedAt,
    boolean emailVerified,
    UserLevel level,
    RenewalPeriod renewalPeriod,
    LocalDateTime lastPayment,
    UserStatus status,
    boolean demo,
    Integer freeCredits,
    Integer freeChatMessages,
    Set<String> missing,
    UnsetBalances unset) {

  public UserAccount {
    missing = Set.copyOf(missing);
  }

  /** The stored value: NULL for legacy users (and a missing column) is null. */
  public Integer balance(Balance balance) {
    return balance == Balance.CREDITS ? freeCredits : freeChatMessages;
  }

  /** The balance as stored and as the web app reads it. */
  public BalanceReading reading(Balance balance) {
    return new BalanceReading(
        balance, balance(balance), unset.of(balance), missing.contains(balance.column()));
  }

  /** The plan the web app computes, at {@code now} (UTC); unknown when a column it needs is gone. */
  public Plan plan(LocalDateTime now) {
    if (missing.contains("level")) {
      return Plan.unknown(null, renewalPeriod);
    }
    if (UserLevel.PAID.equals(level)
        && (missing.contains("renewal_period")
            || (RenewalPeriod.YEARLY.equals(renewalPeriod) && missing.contains("last_payment")))) {
      return Plan.unknown(level, renewalPeriod);
    }
    return Plan.of(level, renewalPeriod, lastPayment, now);
  }
}
