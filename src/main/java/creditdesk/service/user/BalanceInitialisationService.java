package creditdesk.service.user;

import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.common.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Initialise balance: writes the web app's default into NULL balances, which the web app shows as
 * that default but can never charge. Both the count and the writes are database functions for
 * admins only ({@code creditdesk.count_unset_balances}, {@code creditdesk.initialise_balances});
 * here they are called in short transactions, one batch each, until nothing is left, so a
 * web-app statement never waits for more than one batch. Running it again sets nothing.
 */
public final class BalanceInitialisationService {
  public static final int DEFAULT_BATCH = 1000;
  public static final int MAX_BATCH = 10_000;
  /** How long to keep asking while the only rows left are locked by other sessions. */
  private static final long BUSY_WAIT_MILLIS = 5_000;

  private final DataSource dataSource;

  public BalanceInitialisationService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Users with a NULL balance, and how many of each balance are NULL. */
  public record Counts(long users, long freeCredits, long freeChatMessages) {
    public static final Counts NONE = new Counts(0, 0, 0);

    Counts plus(Counts other) {
      return new Counts(users + other.users, freeCredits + other.freeCredits,
          freeChatMessages + other.freeChatMessages);
    }
  }

  /**
   * What a run set. {@code cancelled}: stopped between batches on request. {@code busyLeft}:
   * balances are left that other sessions kept locked; running again sets them.
   */
  public record Result(Counts set, boolean cancelled, boolean busyLeft) {}

  /** A dry run: counts, changes nothing. {@code user} null for all users. */
  public Counts dryRun(UUID user) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT users, free_credits, free_chat_messages FROM creditdesk.count_unset_balances(?)")) {
      ps.setObject(1, user, Types.OTHER);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
  }

  /**
   * Sets the NULL balances of {@code user} (null: of every user), {@code batch} users per
   * transaction; {@code progress} hears the running total after each batch, and {@code
   * cancelled} is asked before each.
   */
  public Result initialise(UUID user, int batch, Consumer<Counts> progress, BooleanSupplier cancelled) {
    if (batch < 1 || batch > MAX_BATCH) {
      throw new ValidationException("The batch size must be from 1 to " + MAX_BATCH + ".");
    }
    Counts total = Counts.NONE;
    long busySince = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT users, free_credits, free_chat_messages, busy"
                + " FROM creditdesk.initialise_balances(?, ?)")) {
      c.setAutoCommit(true);
      ps.setObject(1, user, Types.OTHER);
      ps.setInt(2, batch);
      while (true) {
        if (cancelled.getAsBoolean()) {
          return new Result(total, true, false);
        }
        boolean busy;
        Counts set;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          set = new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3));
          busy = rs.getBoolean(4);
        }
        if (set.users() > 0) {
          total = total.plus(set);
          busySince = 0;
          progress.accept(total);
          continue;
        }
        if (!busy) {
          return new Result(total, false, false);
        }
        // Only rows locked by others are left (a web-app statement, for a moment): ask again.
        long now = System.currentTimeMillis();
        if (busySince == 0) {
          busySince = now;
        } else if (now - busySince > BUSY_WAIT_MILLIS) {
          return new Result(total, false, true);
        }
        pause();
      }
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseUnavailableException("Interrupted while initialising balances.", e);
    }
  }
}
