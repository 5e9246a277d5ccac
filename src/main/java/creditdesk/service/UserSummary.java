package creditdesk.service;

import creditdesk.domain.UserAccount;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import java.util.UUID;

/** What a list of users shows of each: fully loaded, safe to hand to any thread. */
public record UserSummary(
    UUID id,
    String email,
    String name,
    UserLevel level,
    UserStatus status,
    Integer freeCredits,
    Integer freeChatMessages) {

  public static UserSummary of(UserAccount u) {
    return new UserSummary(
        u.id(), u.email(), u.name(), u.level(), u.status(), u.freeCredits(), u.freeChatMessages());
  }

  /** "email (name, id)" for messages that list candidates. */
  public String describe() {
    return email + (name == null ? "" : " (" + name + ")") + " " + id;
  }
}
