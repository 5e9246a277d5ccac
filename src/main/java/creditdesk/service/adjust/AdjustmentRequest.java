package creditdesk.service.adjust;

import creditdesk.domain.FeatureType;
import creditdesk.service.common.ValidationException;
import java.util.Objects;
import java.util.UUID;

/**
 * One adjustment as an admin asked for it, validated on construction. A refund names its
 * deduction and may leave the user, feature and amount out (the amount then defaults to what is
 * left of the deduction); a grant or correction names user, feature and amount.
 */
public record AdjustmentRequest(
    AdjustmentKind kind,
    UUID userId,
    FeatureType feature,
    Integer amount,
    UUID refundOf,
    String reason,
    String ticket,
    String idempotencyKey) {

  public AdjustmentRequest {
    Objects.requireNonNull(kind, "kind");
    AdjustmentLimits.DEFAULT.checkAmountIfPresent(amount);
    reason = AdjustmentValidation.reason(reason);
    ticket = AdjustmentValidation.ticket(ticket);
    idempotencyKey = AdjustmentValidation.idempotencyKey(idempotencyKey);
    if (kind == AdjustmentKind.REFUND) {
      if (refundOf == null) {
        throw new ValidationException("A refund names the deduction it gives back.");
      }
    } else {
      if (userId == null) {
        throw new ValidationException("Choose the user to adjust.");
      }
      if (feature == null) {
        throw new ValidationException("Choose a feature.");
      }
      if (amount == null) {
        throw new ValidationException("Enter an amount.");
      }
      if (refundOf != null) {
        throw new ValidationException("Only a refund names a deduction.");
      }
    }
  }

  public static AdjustmentRequest grant(
      UUID user, FeatureType feature, int amount, String reason, String ticket, String key) {
    return new AdjustmentRequest(
        AdjustmentKind.GRANT, user, feature, amount, null, reason, ticket, key);
  }

  public static AdjustmentRequest correct(
      UUID user, FeatureType feature, int amount, String reason, String ticket, String key) {
    return new AdjustmentRequest(
        AdjustmentKind.CORRECT, user, feature, amount, null, reason, ticket, key);
  }

  /** @param amount null for everything that is left of the deduction */
  public static AdjustmentRequest refund(
      UUID deduction, Integer amount, String reason, String ticket, String key) {
    return new AdjustmentRequest(
        AdjustmentKind.REFUND, null, null, amount, deduction, reason, ticket, key);
  }

  /** A fresh idempotency key: the UI makes one per dialog and keeps it across retries. */
  public static String newKey() {
    return UUID.randomUUID().toString();
  }
}
