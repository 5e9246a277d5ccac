package creditdesk.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a PostgreSQL 17 cluster under the user's data directory, listening on
 * loopback only. Its superuser connects without a password from loopback; every other login
 * (staff, demo logins) authenticates with SCRAM, so the roles mean what they mean in production.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  public static final String DATABASE = "creditdesk";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /** The default pg_hba.conf: superuser trusted from loopback, everyone else by SCRAM. */
  public static final String DEFAULT_HBA =
      String.join(
          "\n",
          "# written by creditdesk: superuser from loopback, everyone else by password",
          "local all postgres trust",
          "host all postgres 127.0.0.1/32 trust",
          "host all postgres ::1/128 trust",
          "host all all 127.0.0.1/32 scram-sha-256",
          "host all all ::1/128 scram-sha-256",
          "");

  private final EmbeddedPostgres postgres;
  private final String database;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String database) {
    this.postgres = postgres;
    this.database = database;
  }

  /** Starts (initialising on first use) the cluster in {@code dataDir}/pg and ensures the database. */
  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, DATABASE, false);
  }

  /**
   * @param clean a throw-away cluster (tests): the directory is wiped on start and close
   */
  public static EmbeddedDatabase start(Path dataDir, String database, boolean clean) {
    return start(dataDir, database, clean, ServerOptions.DEFAULTS);
  }

  /**
   * Extra server settings, another pg_hba.conf and a fixed port (0: any free one), for clusters
   * that must look like a particular production server (tests of TLS, of a restart, for example).
   */
  public record ServerOptions(Map<String, String> config, String hba, int port) {
    public static final ServerOptions DEFAULTS = new ServerOptions(Map.of(), DEFAULT_HBA);

    public ServerOptions {
      config = Map.copyOf(config);
      hba = hba == null ? DEFAULT_HBA : hba;
    }

    public ServerOptions(Map<String, String> config, String hba) {
      this(config, hba, 0);
    }

    public ServerOptions withConfig(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(config);
      more.put(name, value);
      return new ServerOptions(more, hba, port);
    }

    public ServerOptions withHba(String otherHba) {
      return new ServerOptions(config, otherHba, port);
    }

    /** The same port again, so clients that knew the cluster find it after a restart. */
    public ServerOptions withPort(int fixedPort) {
      return new ServerOptions(config, hba, fixedPort);
    }
  }

  public static EmbeddedDatabase start(
      Path dataDir, String database, boolean clean, ServerOptions options) {
    Path cluster = dataDir.resolve("pg");
    EmbeddedPostgres pg;
    try {
      Files.createDirectories(cluster);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(cluster)
              .setCleanDataDirectory(clean)
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("password_encryption", "scram-sha-256")
              .setServerConfig("timezone", "UTC")
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", clean ? "off" : "on")
              .setServerConfig("synchronous_commit", clean ? "off" : "on")
              .setServerConfig("full_page_writes", clean ? "off" : "on")
              .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), options.hba()))
              .setLocaleConfig("encoding", "UTF8")
              .setLocaleConfig("locale", "C.UTF-8");
      options.config().forEach(builder::setServerConfig);
      if (options.port() != 0) {
        builder.setPort(options.port());
      }
      pg = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded database in " + cluster + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      // zonky says "could not lock" when another process holds the cluster; anything else
      // (initdb or the server failing) must not be reported as that.
      String why = String.valueOf(e.getMessage());
      throw new IllegalStateException(
          why.contains("could not lock") || e instanceof OverlappingFileLockException
              ? "The embedded database in " + cluster + " is in use by another creditdesk."
              : "The embedded database in " + cluster + " could not start: " + why,
          e);
    }
    EmbeddedDatabase db = new EmbeddedDatabase(pg, database);
    try {
      db.ensureDatabase();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    LOG.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(), cluster);
    return db;
  }

  private static void writeHba(Path dir, String hba) {
    try {
      Files.writeString(dir.resolve("pg_hba.conf"), hba);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ensureDatabase() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE \"" + database + "\" ENCODING 'UTF8'");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + database, e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String database() {
    return database;
  }

  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  public String jdbcUrl(String db) {
    return "jdbc:postgresql://localhost:" + port() + "/" + db;
  }

  /** The cluster's superuser on this database: the database owner who migrates and adds staff. */
  public DataSource ownerDataSource() {
    return postgres.getDatabase("postgres", database);
  }

  public DataSource ownerDataSource(String db) {
    return postgres.getDatabase("postgres", db);
  }

  /** Settings to connect to this database as {@code login}. */
  public ConnectionSettings settingsFor(String login, char[] password) {
    return new ConnectionSettings(jdbcUrl(), login, password, true);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded database did not stop cleanly: {}", e.getMessage());
    }
  }
}
