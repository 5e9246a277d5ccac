package creditdesk.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A row of the web app's {@code "User"} table, without the password hash (no creditdesk role may
 * read it). Read-only here: balances change only through {@code creditdesk.adjust}, which moves
 * them relative to the current value inside the database.
 */
@Entity
@Immutable
@Table(name = "\"User\"", schema = "public")
public class UserAccount {
  @Id
  @Column(name = "id", nullable = false)
  private UUID id;

  @Column(name = "email", nullable = false, length = 64)
  private String email;

  @Column(name = "name", length = 256)
  private String name;

  @Column(name = "provider", nullable = false, length = 32)
  private String provider;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Column(name = "email_verified", nullable = false)
  private boolean emailVerified;

  @Convert(converter = LabelConverters.Level.class)
  @Column(name = "level", nullable = false, columnDefinition = "user_level")
  private UserLevel level;

  @Convert(converter = LabelConverters.Renewal.class)
  @Column(name = "renewal_period", nullable = false, columnDefinition = "renewal_period")
  private RenewalPeriod renewalPeriod;

  @Column(name = "last_payment")
  private LocalDateTime lastPayment;

  @Convert(converter = LabelConverters.Status.class)
  @Column(name = "status", nullable = false, columnDefinition = "user_status")
  private UserStatus status;

  @Column(name = "is_demo", nullable = false)
  private boolean demo;

  @Column(name = "free_credits")
  private Integer freeCredits;

  @Column(name = "free_chat_messages")
  private Integer freeChatMessages;

  protected UserAccount() {}

  public UUID id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public String provider() {
    return provider;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }

  public boolean emailVerified() {
    return emailVerified;
  }

  public UserLevel level() {
    return level;
  }

  public RenewalPeriod renewalPeriod() {
    return renewalPeriod;
  }

  public LocalDateTime lastPayment() {
    return lastPayment;
  }

  public UserStatus status() {
    return status;
  }

  public boolean demo() {
    return demo;
  }

  /** NULL for legacy users; counts as 0 wherever a number is needed. */
  public Integer freeCredits() {
    return freeCredits;
  }

  public Integer freeChatMessages() {
    return freeChatMessages;
  }

  public Integer balance(Balance balance) {
    return balance == Balance.CREDITS ? freeCredits : freeChatMessages;
  }
}
