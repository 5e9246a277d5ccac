package creditdesk.service.connect;

import creditdesk.db.DemoData;
import creditdesk.db.EmbeddedDatabase;
import creditdesk.db.Migrations;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.schema.SchemaOutdatedException;
import creditdesk.service.staff.StaffService;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings up the embedded default database for a newcomer: starts the cluster, applies the
 * migrations (the embedded database is the user's own, so migrating it is not a deliberate owner
 * act as on a shared database), creates the missing demo logins and loads demo data when the
 * database has no users. Started once per process; closing stops the cluster.
 */
public final class EmbeddedStartService implements AutoCloseable {
  public static final String STARTING = "Starting the local database…";
  public static final String MIGRATING = "Updating the local database…";
  public static final String LOADING_DEMO_DATA = "Preparing demo data…";

  /** Fills an empty demo database; does nothing when data is there. */
  @FunctionalInterface
  public interface DemoDataLoader {
    /** For tests that are not about demo data. */
    DemoDataLoader NONE = owner -> false;

    /** @return true when it loaded data */
    boolean loadIfEmpty(DataSource owner);
  }

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStartService.class);

  private final DemoDataLoader demoData;
  private EmbeddedDatabase database;
  private DatabaseEndpoint endpoint;
  private boolean closed;

  /** The demo data: 5,000 users and their ledger, loaded on first start. */
  public static final DemoDataLoader DEFAULT_DEMO_DATA = DemoData::loadIfEmpty;

  public EmbeddedStartService() {
    this(DEFAULT_DEMO_DATA);
  }

  public EmbeddedStartService(DemoDataLoader demoData) {
    this.demoData = Objects.requireNonNull(demoData, "demoData");
  }

  /** Same as {@link #start(Path, Consumer)} without progress messages. */
  public DatabaseEndpoint start(Path dataDir) {
    return start(dataDir, message -> {});
  }

  /**
   * Starts the database in {@code dataDir} unless this service already did, and says what it is
   * doing through {@code progress} (one short sentence at a time). Slow: never call it on the UI
   * thread.
   */
  public synchronized DatabaseEndpoint start(Path dataDir, Consumer<String> progress) {
    if (closed) {
      throw new IllegalStateException("The embedded start service is closed.");
    }
    if (endpoint != null) {
      return endpoint;
    }
    progress.accept(STARTING);
    EmbeddedDatabase db;
    try {
      db = EmbeddedDatabase.start(dataDir);
    } catch (RuntimeException e) {
      // EmbeddedDatabase's messages are already sentences a person can act on.
      throw new DatabaseUnavailableException(sentence(e, "The local database could not start."), e);
    }
    try {
      progress.accept(MIGRATING);
      new Migrations(db.ownerDataSource()).migrate();
      DemoLogins.ensure(new StaffService(db.ownerDataSource()));
      if (DemoData.isEmpty(db.ownerDataSource())) {
        progress.accept(LOADING_DEMO_DATA);
      }
      if (demoData.loadIfEmpty(db.ownerDataSource())) {
        LOG.info("Demo data loaded into the local database");
      }
    } catch (FlywayException e) {
      db.close();
      throw new SchemaOutdatedException(
          "The local database schema could not be updated: " + sentence(e, "unknown error."), e);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    database = db;
    endpoint = DatabaseEndpoint.embedded(db.jdbcUrl());
    LOG.info("Local database ready at {}", endpoint.jdbcUrl());
    return endpoint;
  }

  /** The running cluster, for callers that need its owner or port; null before start. */
  public synchronized EmbeddedDatabase database() {
    return database;
  }

  /** Stops the cluster, waiting for a start in progress to finish first. */
  @Override
  public synchronized void close() {
    closed = true;
    if (database != null) {
      database.close();
      database = null;
      endpoint = null;
    }
  }

  private static String sentence(RuntimeException e, String fallback) {
    String message = e.getMessage() == null ? null : e.getMessage().lines().findFirst().orElse(null);
    if (message == null || message.isBlank()) {
      return fallback;
    }
    return message.endsWith(".") ? message : message + ".";
  }
}
