package creditdesk.service.search;

import creditdesk.domain.Balance;
import creditdesk.domain.BalanceReading;
import creditdesk.domain.Plan;
import creditdesk.domain.UserAccount;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * What a list of users shows of each: fully loaded, safe to hand to any thread.
 *
 * @param level null when the database has no level column
 * @param freeCredits as stored: null for NULL (a legacy user) or a missing column
 * @param plan the plan as the web app computes it when the user was read
 * @param credits the credits as stored and as the web app reads them
 */
public record UserSummary(
    UUID id,
    String email,
    String name,
    UserLevel level,
    UserStatus status,
    Integer freeCredits,
    Integer freeChatMessages,
    Plan plan,
    BalanceReading credits,
    BalanceReading chatMessages) {

  /** {@code u} read at {@code now} (UTC). */
  public static UserSummary of(UserAccount u, LocalDateTime now) {
    return new UserSummary(
        u.id(),
        u.email(),
        u.name(),
        u.level(),
        u.status(),
        u.freeCredits(),
        u.freeChatMessages(),
        u.plan(now),
        u.reading(Balance.CREDITS),
        u.reading(Balance.CHAT_MESSAGES));
  }

  public BalanceReading reading(Balance balance) {
    return balance == Balance.CREDITS ? credits : chatMessages;
  }

  /** "email (name, id)" for messages that list candidates. */
  public String describe() {
    return email + (name == null ? "" : " (" + name + ")") + " " + id;
  }
}
