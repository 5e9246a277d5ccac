package creditdesk.testing;

import creditdesk.db.EmbeddedDatabase;
import creditdesk.db.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throw-away embedded PostgreSQL cluster per test JVM, with a migrated template database;
 * each test class gets its own database cloned from the template in milliseconds.
 */
public final class TestPostgres {
  public static final String TEMPLATE = "cd_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase cluster;

  private TestPostgres() {}

  public static synchronized EmbeddedDatabase cluster() {
    if (cluster == null) {
      try {
        cluster =
            EmbeddedDatabase.start(Files.createTempDirectory("creditdesk-test"), TEMPLATE, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      new Migrations(cluster.ownerDataSource()).migrate();
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "test-postgres-stop"));
    }
    return cluster;
  }

  /** A new migrated database (a clone of the template). */
  public static TestDatabase newDatabase() {
    return newDatabase(true);
  }

  /** A new empty database when {@code migrated} is false (for fixtures built by hand). */
  public static synchronized TestDatabase newDatabase(boolean migrated) {
    EmbeddedDatabase c = cluster();
    String name = "cd_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection conn = c.ownerDataSource("postgres").getConnection();
        Statement s = conn.createStatement()) {
      s.execute(
          "CREATE DATABASE " + name + (migrated ? " TEMPLATE " + TEMPLATE : " TEMPLATE template0"));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return new TestDatabase(c, name);
  }
}
