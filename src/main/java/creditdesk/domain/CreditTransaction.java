package creditdesk.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the append-only ledger {@code "CreditTransaction"}; never updated or deleted. */
@Entity
@Immutable
@Table(name = "\"CreditTransaction\"", schema = "public")
public class CreditTransaction {
  @Id
  @Column(name = "id", nullable = false)
  private UUID id;

  @Column(name = "user_id", nullable = false)
  private UUID userId;

  @Column(name = "amount", nullable = false)
  private int amount;

  @Convert(converter = LabelConverters.Operation.class)
  @Column(name = "operation", nullable = false, columnDefinition = "operation_type")
  private OperationType operation;

  @Convert(converter = LabelConverters.Feature.class)
  @Column(name = "feature_type", nullable = false, columnDefinition = "feature_type")
  private FeatureType featureType;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "metadata", columnDefinition = "jsonb")
  private Map<String, Object> metadata;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected CreditTransaction() {}

  public UUID id() {
    return id;
  }

  public UUID userId() {
    return userId;
  }

  public int amount() {
    return amount;
  }

  public OperationType operation() {
    return operation;
  }

  public FeatureType featureType() {
    return featureType;
  }

  /** Free-form context with camelCase keys; may be null. */
  public Map<String, Object> metadata() {
    return metadata == null ? Map.of() : Collections.unmodifiableMap(metadata);
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  /** The signed change this row made to the balance it moves. */
  public int signedAmount() {
    return operation.signed(amount);
  }
}
