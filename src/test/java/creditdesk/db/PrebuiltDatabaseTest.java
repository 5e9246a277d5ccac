package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a database where the web app's tables already exist (built by Drizzle, owned by the web
 * app's own login, holding data), creditdesk's migrations must add their own objects and leave
 * the web app's tables, types and rows exactly as they were.
 */
class PrebuiltDatabaseTest {
  private static final List<String> WEB_APP_SCHEMAS = List.of("public", "drizzle");

  private final TestDatabase db = TestPostgres.newDatabase(false);
  private String webApp;

  @BeforeEach
  void buildWebAppDatabase() throws Exception {
    webApp = db.createLogin("webapp");
    // As on a managed service: the web app's login owns the database and everything Drizzle made.
    db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + webApp);
    try (Connection c = db.connectAs(webApp);
        Statement s = c.createStatement()) {
      for (String statement : drizzleStatements()) {
        s.execute(statement);
      }
      s.execute(
          "INSERT INTO \"User\" (id, email, password, name, level, free_credits, free_chat_messages,"
              + " created_at, updated_at) VALUES"
              + " ('00000000-0000-0000-0000-00000000000a', 'legacy@example.com', '$2b$10$legacyhash',"
              + "  'Legacy', 'basic', NULL, NULL, '2023-01-02 03:04:05', '2023-01-02 03:04:05'),"
              + " ('00000000-0000-0000-0000-00000000000b', 'ada@example.com', '$2b$10$adahash', 'Ada',"
              + "  'free', 7, 19, '2024-05-06 07:08:09', '2024-05-06 07:08:09'),"
              + " ('00000000-0000-0000-0000-00000000000c', 'paid@example.com', NULL, NULL, 'paid', 0,"
              + "  NULL, '2024-06-01 00:00:00', '2024-06-01 00:00:00')");
      s.execute(
          "INSERT INTO \"User\" (id, email, level, is_demo, demo_user_id, created_at, updated_at)"
              + " VALUES ('00000000-0000-0000-0000-00000000000d', 'demo@example.com', 'demo', true,"
              + " '00000000-0000-0000-0000-00000000000b', '2024-07-01 00:00:00', '2024-07-01 00:00:00')");
      s.execute(
          "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata,"
              + " created_at) VALUES"
              + " ('00000000-0000-0000-0000-00000000000b', 2, 'deduct', 'document_generation',"
              + "  '{\"documentType\":\"brag_doc\",\"documentId\":\"d1\"}', '2024-05-07 10:00:00'),"
              + " ('00000000-0000-0000-0000-00000000000b', 1, 'deduct', 'chat_message',"
              + "  '{\"remainingMessages\":19}', '2024-05-07 10:01:00'),"
              + " ('00000000-0000-0000-0000-00000000000a', 2, 'deduct', 'workstream_clustering', NULL,"
              + "  '2023-02-01 00:00:00')");
      s.execute(
          "INSERT INTO \"Document\" (user_id, title, type, created_at) VALUES"
              + " ('00000000-0000-0000-0000-00000000000b', 'Q2 brag doc', 'brag_doc',"
              + "  '2024-05-07 10:00:00')");
    }
  }

  @Test
  void migratingChangesNothingOfTheWebAppButAddsPrefixedTriggers() throws Exception {
    Map<String, Object> before = snapshot(View.WEB_APP);
    Map<String, Object> beforeFull = snapshot(View.FULL);

    MigrateResult first = new Migrations(db.owner()).migrate();
    assertThat(first.success).isTrue();
    assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(5);

    assertSame(snapshot(View.WEB_APP), before);
    Map<String, Object> afterFull = snapshot(View.FULL);
    assertThat(added(beforeFull, afterFull, "triggers"))
        .as("triggers creditdesk added to the web app's tables")
        .isNotEmpty()
        .allMatch(t -> t.contains(" creditdesk_"));
    assertThat(added(beforeFull, afterFull, "indexes"))
        .allMatch(i -> i.contains(" creditdesk_"));
    assertThat(added(beforeFull, afterFull, "privileges"))
        .as("privileges granted on the web app's tables")
        .isNotEmpty()
        .allMatch(p -> p.split(" ")[1].startsWith("creditdesk_"));
    assertThat(removed(beforeFull, afterFull)).isEmpty();
    // Drift stays drift: the web app's changed default is not "repaired" to creditdesk's baseline.
    try (Connection c = db.ownerConnection()) {
      assertThat(new Catalog(c).columns("public", "User"))
          .contains("free_credits integer null default 5");
    }

    Map<String, Object> afterFirst = snapshot(View.EVERYTHING_INCLUDING_CREDITDESK);
    MigrateResult second = new Migrations(db.owner()).migrate();
    assertThat(second.migrationsExecuted).isZero();
    assertSame(snapshot(View.EVERYTHING_INCLUDING_CREDITDESK), afterFirst);
  }

  @Test
  void webAppKeepsWorkingAsItsOwnLoginAfterMigration() throws Exception {
    new Migrations(db.owner()).migrate();
    UUID ada = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    UUID legacy = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    try (Connection c = db.connectAs(webApp);
        Statement s = c.createStatement()) {
      // The web app's deduction, its separate ledger insert, and its unlogged refund.
      s.execute("UPDATE \"User\" SET free_credits = free_credits - 2"
          + " WHERE id = '" + ada + "' AND free_credits >= 2");
      s.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
          + " VALUES ('" + ada + "', 2, 'deduct', 'document_generation',"
          + " '{\"documentType\":\"performance_review\"}')");
      s.execute("UPDATE \"User\" SET free_credits = COALESCE(free_credits, 0) + 2"
          + " WHERE id = '" + legacy + "'");
      s.execute("INSERT INTO \"User\" (email) VALUES ('new@example.com')");
      try (ResultSet rs = s.executeQuery(
          "SELECT count(*) FILTER (WHERE metadata ? 'actor'), count(*) FROM \"CreditTransaction\"")) {
        rs.next();
        assertThat(rs.getLong(1)).as("ledger rows with an actor").isZero();
        assertThat(rs.getLong(2)).isEqualTo(4);
      }
      // GDPR erasure by the web app: the user's ledger rows go with it, nobody else's.
      s.execute("DELETE FROM \"User\" WHERE id = '" + legacy + "'");
      try (ResultSet rs = s.executeQuery(
          "SELECT count(*) FILTER (WHERE user_id = '" + legacy + "'), count(*)"
              + " FROM \"CreditTransaction\"")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
        assertThat(rs.getLong(2)).isEqualTo(3);
      }
    }
    assertThat(db.balance(ada, "free_credits")).isEqualTo(5);
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isZero();
  }

  private enum View { WEB_APP, FULL, EVERYTHING_INCLUDING_CREDITDESK }

  /**
   * The catalog of the web app's schemas and a checksum of their rows. WEB_APP leaves out what
   * creditdesk may add (creditdesk_ triggers and indexes, grants to creditdesk_ roles).
   */
  private Map<String, Object> snapshot(View view) throws SQLException {
    Map<String, Object> result = new LinkedHashMap<>();
    try (Connection c = db.ownerConnection()) {
      Catalog catalog = new Catalog(c);
      for (String schema : WEB_APP_SCHEMAS) {
        List<String> relations = catalog.relations(schema);
        result.put(schema + " relations", relations);
        result.put(schema + " enums", catalog.enums(schema));
        result.put(schema + " types", catalog.otherTypes(schema));
        result.put(schema + " functions", catalog.functions(schema));
        result.put(schema + " rules/policies", catalog.rulesAndPolicies(schema));
        result.put(schema + " rows", catalog.rowChecksums(schema));
        result.put(schema + " privileges", keep(view, catalog.privileges(schema),
            p -> !p.split(" ")[1].startsWith("creditdesk_")));
        for (String relation : relations) {
          String table = relation.substring(0, relation.indexOf(' '));
          if (!relation.contains("kind=r")) {
            continue;
          }
          result.put(schema + "." + table + " columns", catalog.columns(schema, table));
          result.put(schema + "." + table + " constraints", catalog.constraints(schema, table));
          result.put(schema + "." + table + " indexes", keep(view, catalog.indexes(schema, table),
              i -> !i.contains(" creditdesk_")));
          result.put(schema + "." + table + " triggers", keep(view, catalog.triggers(schema, table),
              t -> !t.startsWith("creditdesk_")));
        }
      }
      if (view == View.EVERYTHING_INCLUDING_CREDITDESK) {
        result.put("creditdesk relations", catalog.relations("creditdesk"));
        result.put("creditdesk functions", catalog.functions("creditdesk"));
        result.put("creditdesk privileges", catalog.privileges("creditdesk"));
        result.put("creditdesk rows", catalog.rowChecksums("creditdesk"));
        for (String role : List.of("creditdesk_support", "creditdesk_admin", "creditdesk_analyst")) {
          result.put(role + " settings", catalog.roleSettings(role));
        }
      }
    }
    return result;
  }

  /** Section by section, so a failure names what changed. */
  private static void assertSame(Map<String, Object> actual, Map<String, Object> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    SoftAssertions softly = new SoftAssertions();
    expected.forEach((section, value) ->
        softly.assertThat(actual.get(section)).as(section).isEqualTo(value));
    softly.assertAll();
  }

  private static List<String> keep(View view, List<String> lines,
      Predicate<String> webAppOwned) {
    return view == View.WEB_APP ? lines.stream().filter(webAppOwned).toList() : lines;
  }

  /** Lines in {@code after} that were not in {@code before}, for section names ending in {@code kind}. */
  @SuppressWarnings("unchecked")
  private static List<String> added(Map<String, Object> before, Map<String, Object> after,
      String kind) {
    List<String> result = new ArrayList<>();
    after.forEach((section, value) -> {
      if (section.endsWith(kind)) {
        List<String> old = (List<String>) before.getOrDefault(section, List.of());
        ((List<String>) value).stream().filter(l -> !old.contains(l)).forEach(result::add);
      }
    });
    return result;
  }

  @SuppressWarnings("unchecked")
  private static List<String> removed(Map<String, Object> before, Map<String, Object> after) {
    List<String> result = new ArrayList<>();
    before.forEach((section, value) -> {
      if (value instanceof List<?> list) {
        List<String> now = (List<String>) after.getOrDefault(section, List.of());
        ((List<String>) list).stream().filter(l -> !now.contains(l))
            .forEach(l -> result.add(section + ": " + l));
      }
    });
    return result;
  }

  /** The fixture split on Drizzle's breakpoint markers, comment-only pieces dropped. */
  static List<String> drizzleStatements() throws IOException {
    String sql;
    try (InputStream in = PrebuiltDatabaseTest.class.getResourceAsStream("/webapp-fixture/drizzle.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> statements = new ArrayList<>();
    for (String piece : sql.split("--> statement-breakpoint")) {
      boolean code = piece.lines().map(String::strip)
          .anyMatch(l -> !l.isEmpty() && !l.startsWith("--"));
      if (code) {
        statements.add(piece.strip());
      }
    }
    return statements;
  }
}
