package creditdesk.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** Connection pools for one login. */
public final class Pools {
  private Pools() {}

  public static HikariDataSource open(ConnectionSettings settings, String name, int maxSize) {
    return open(settings, name, maxSize, ConnectionGuard.NONE);
  }

  /** A pool whose every connection checkout runs {@code guard} first. */
  public static HikariDataSource open(
      ConnectionSettings settings, String name, int maxSize, ConnectionGuard guard) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("creditdesk-" + name);
    config.setJdbcUrl(settings.jdbcUrl());
    config.setDataSourceProperties(settings.jdbcProperties());
    config.setMaximumPoolSize(maxSize);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(ConnectionSettings.connectTimeoutSeconds() * 1000L + 2000L);
    // A pooled connection is checked before use; on a silent network that check ends in time.
    config.setValidationTimeout(Math.min(5_000L, ConnectionSettings.connectTimeoutSeconds() * 1000L));
    config.setIdleTimeout(120_000);
    config.setMaxLifetime(900_000);
    config.setAutoCommit(true);
    config.setConnectionInitSql(ConnectionSettings.SESSION_INIT_SQL);
    // Fail on first use with the real reason (wrong password, unreachable), not a pool timeout.
    config.setInitializationFailTimeout(1);
    return guard == ConnectionGuard.NONE ? new HikariDataSource(config) : new Guarded(config, guard);
  }

  /** Still a HikariDataSource, so callers that evict connections keep working. */
  private static final class Guarded extends HikariDataSource {
    private final ConnectionGuard guard;

    Guarded(HikariConfig config, ConnectionGuard guard) {
      super(config);
      this.guard = Objects.requireNonNull(guard);
    }

    @Override
    public Connection getConnection() throws SQLException {
      guard.beforeConnection();
      return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      guard.beforeConnection();
      return super.getConnection(username, password);
    }
  }
}
