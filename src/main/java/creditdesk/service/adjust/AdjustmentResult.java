package creditdesk.service.adjust;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger row an adjustment wrote and the balance it moved, before and after. {@code replayed}
 * is true when the idempotency key had already been applied and nothing new happened. {@code
 * beforeUnset} is true when the balance was NULL and the adjustment started from the web app's
 * default, which {@code balanceBefore} then holds (null only for rows written before V8).
 */
public record AdjustmentResult(
    UUID ledgerId,
    UUID userId,
    OperationType operation,
    FeatureType feature,
    int amount,
    Integer balanceBefore,
    int balanceAfter,
    LocalDateTime createdAt,
    Map<String, Object> metadata,
    boolean replayed,
    boolean beforeUnset) {}
