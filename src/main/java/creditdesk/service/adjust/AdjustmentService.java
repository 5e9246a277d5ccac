package creditdesk.service.adjust;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.DatabaseException;
import creditdesk.service.common.DatabaseUnavailableException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants, refunds and corrections. Each is one call of {@code creditdesk.adjust} in its own
 * transaction: the database changes the balance relative to its current value under the row lock
 * and writes the ledger row in the same transaction, so a concurrent web-app deduction is never
 * lost and a failure leaves nothing half done.
 *
 * <p>Because every request carries an idempotency key, a call whose connection dies is retried
 * with the same key: if the first attempt committed, the retry returns its result and applies
 * nothing.
 */
public final class AdjustmentService {
  private static final Logger LOG = LoggerFactory.getLogger(AdjustmentService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 3;
  private static final long RETRY_WINDOW_NANOS = 5_000_000_000L;
  private static final String CALL =
      "SELECT ledger_id, user_id, operation, feature_type, amount, balance_before,"
          + " balance_after, created_at, metadata::text, replayed, balance_before_unset"
          + " FROM creditdesk.adjust(?, ?, ?::text, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;
  private final AdjustmentLimits limits;

  public AdjustmentService(DataSource dataSource) {
    this(dataSource, AdjustmentLimits.DEFAULT);
  }

  public AdjustmentService(DataSource dataSource, AdjustmentLimits limits) {
    this.dataSource = dataSource;
    this.limits = limits;
  }

  public AdjustmentResult apply(AdjustmentRequest request) {
    limits.checkAmountIfPresent(request.amount());
    DatabaseUnavailableException last = null;
    long start = System.nanoTime();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return call(request);
      } catch (DatabaseUnavailableException e) {
        // Only a quick loss is retried here (a silent network is not retried at all): more
        // attempts would outlast the bound on an interactive action; the caller retries.
        if (!connectionLost(e) || System.nanoTime() - start > RETRY_WINDOW_NANOS) {
          throw e;
        }
        last = e;
        LOG.warn(
            "Connection lost during adjustment {} (attempt {}); retrying with the same key",
            request.idempotencyKey(),
            attempt);
        sleep(200L * attempt);
      }
    }
    throw last;
  }

  private AdjustmentResult call(AdjustmentRequest r) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement(CALL)) {
        ps.setString(1, r.kind().functionArgument());
        ps.setObject(2, r.userId(), Types.OTHER);
        ps.setString(3, r.feature() == null ? null : r.feature().dbValue());
        if (r.amount() == null) {
          ps.setNull(4, Types.INTEGER);
        } else {
          ps.setInt(4, r.amount());
        }
        ps.setString(5, r.reason());
        ps.setString(6, r.ticket());
        ps.setString(7, r.idempotencyKey());
        ps.setObject(8, r.refundOf(), Types.OTHER);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new DatabaseException("The adjustment returned no ledger row.");
          }
          return read(rs);
        }
      }
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e, AdjustmentService::refusal);
    }
  }

  /** The refusals creditdesk.adjust raises with its own SQLSTATEs (see V5 and V8). */
  private static CreditdeskException refusal(String state, String message, SQLException cause) {
    return switch (state) {
      case "CD003" -> new InsufficientBalanceException(message, cause);
      case "CD004" -> new RefundExceedsDeductionException(message, cause);
      case "CD005" -> new IdempotencyConflictException(message, cause);
      case "CD006" -> new NotRefundableException(message, cause);
      case "CD007" -> new BalanceOverflowException(message, cause);
      default -> null;
    };
  }

  private static AdjustmentResult read(ResultSet rs) throws SQLException {
    Integer before = (Integer) rs.getObject(6);
    return new AdjustmentResult(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        OperationType.fromDb(rs.getString(3)),
        FeatureType.fromDb(rs.getString(4)),
        rs.getInt(5),
        before,
        rs.getInt(7),
        rs.getObject(8, LocalDateTime.class),
        parse(rs.getString(9)),
        rs.getBoolean(10),
        rs.getBoolean(11));
  }

  private static Map<String, Object> parse(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new DatabaseException("The ledger row's metadata is not a JSON object.", e);
    }
  }

  /** Lost after the request may have reached the server, as opposed to never connecting. */
  private static boolean connectionLost(DatabaseUnavailableException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.net.SocketTimeoutException) {
        return false; // a silent network: retrying here would outlast the caller's bound
      }
    }
    // 08001/08004, no connection at all (the server is down or refuses): another attempt would
    // only wait out the connect timeout again, so the caller hears of it at once.
    return e.getCause() instanceof SQLException sql
        && sql.getSQLState() != null
        && !sql.getSQLState().equals("08001")
        && !sql.getSQLState().equals("08004")
        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseUnavailableException("Interrupted while retrying the adjustment.", e);
    }
  }
}
