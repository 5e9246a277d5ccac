package creditdesk.service;

import creditdesk.domain.RenewalPeriod;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import java.time.LocalDateTime;
import java.util.UUID;

/** Everything the user detail screen shows above the history. */
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
    BalanceExplanation credits,
    BalanceExplanation chatMessages) {

  /** 'paid' and 'demo' users are not charged; their balances do not limit them. */
  public boolean unlimited() {
    return level.unlimited();
  }
}
