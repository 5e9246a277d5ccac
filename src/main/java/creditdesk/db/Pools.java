package creditdesk.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools for one login. */
public final class Pools {
  private Pools() {}

  public static HikariDataSource open(ConnectionSettings settings, String name, int maxSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("creditdesk-" + name);
    config.setJdbcUrl(settings.jdbcUrl());
    config.setDataSourceProperties(settings.jdbcProperties());
    config.setMaximumPoolSize(maxSize);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(ConnectionSettings.CONNECT_TIMEOUT_SECONDS * 1000L + 2000L);
    config.setIdleTimeout(120_000);
    config.setMaxLifetime(900_000);
    config.setAutoCommit(true);
    // Fail on first use with the real reason (wrong password, unreachable), not a pool timeout.
    config.setInitializationFailTimeout(1);
    return new HikariDataSource(config);
  }
}
