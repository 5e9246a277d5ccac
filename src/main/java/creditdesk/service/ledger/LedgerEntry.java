package creditdesk.service.ledger;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One ledger row as the history shows it. {@code balanceAfter}, {@code actor}, {@code reason},
 * {@code ticket} and {@code refundOf} are known only for rows creditdesk wrote; {@code refunded}
 * is how much of a deduction creditdesk has refunded so far.
 */
public record LedgerEntry(
    UUID id,
    UUID userId,
    LocalDateTime createdAt,
    OperationType operation,
    FeatureType feature,
    int amount,
    LedgerSource source,
    Integer balanceAfter,
    String actor,
    String reason,
    String ticket,
    UUID refundOf,
    int refunded,
    String metadataJson) {

  public int signedAmount() {
    return operation.signed(amount);
  }

  /** What is left to refund of a deduction; 0 for other rows. */
  public int refundable() {
    return operation == OperationType.DEDUCT ? Math.max(0, amount - refunded) : 0;
  }
}
