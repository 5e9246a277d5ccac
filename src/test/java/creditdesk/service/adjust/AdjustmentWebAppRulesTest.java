package creditdesk.service.adjust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.domain.StaffRole;
import creditdesk.service.common.ValidationException;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * creditdesk.adjust as the web app reads balances (NULL is its default), with labels the web app
 * adds at run time, refusing overflow, and with the same text rules as the client, called
 * directly as an admin login the way psql would.
 */
class AdjustmentWebAppRulesTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final String admin = db.createStaff(StaffRole.ADMIN);
  private final HikariDataSource pool = Pools.open(db.settingsFor(admin), "admin", 2);
  private final AdjustmentService service = new AdjustmentService(pool);

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void grantToANullBalanceStartsFromTheWebAppsDefault() {
    UUID user = db.insertUser("legacy@example.com", null, null);
    AdjustmentResult r = service.apply(AdjustmentRequest.grant(
        user, FeatureType.DOCUMENT_GENERATION, 2, "goodwill for a legacy user", null, "k-null-1"));
    assertThat(List.of(r.balanceBefore(), r.balanceAfter())).containsExactly(10, 12);
    assertThat(r.beforeUnset()).isTrue();
    assertThat(r.metadata()).containsEntry("balanceBefore", 10).containsEntry("balanceAfter", 12)
        .containsEntry("balanceBeforeUnset", true);
    assertThat(db.balance(user, "free_credits")).isEqualTo(12);
    assertThat(db.text("SELECT balance_before || ' ' || balance_before_unset FROM creditdesk.adjustment"
        + " WHERE idempotency_key = 'k-null-1'")).isEqualTo("10 true");
    AdjustmentResult again = service.apply(AdjustmentRequest.grant(
        user, FeatureType.DOCUMENT_GENERATION, 2, "goodwill for a legacy user", null, "k-null-1"));
    assertThat(again.replayed()).isTrue();
    assertThat(again.beforeUnset()).isTrue();
    assertThat(again.balanceBefore()).isEqualTo(10);

    AdjustmentResult set = service.apply(AdjustmentRequest.grant(
        user, FeatureType.DOCUMENT_GENERATION, 1, "second grant", null, "k-null-2"));
    assertThat(set.beforeUnset()).isFalse();
    assertThat(set.metadata()).doesNotContainKey("balanceBeforeUnset");
  }

  @Test
  void correctionAndRefundOfANullBalanceStartFromTheDefault() {
    UUID user = db.insertUser("legacy@example.com", null, null);
    AdjustmentResult corrected = service.apply(AdjustmentRequest.correct(
        user, FeatureType.DOCUMENT_GENERATION, 3, "granted by mistake", null, "k-null-c"));
    assertThat(List.of(corrected.balanceBefore(), corrected.balanceAfter())).containsExactly(10, 7);
    assertThat(db.balance(user, "free_credits")).isEqualTo(7);
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.correct(
            user, FeatureType.CHAT_MESSAGE, 21, "too much", null, "k-null-c2")))
        .isInstanceOf(InsufficientBalanceException.class)
        .hasMessageContaining("only 20");

    // A deduction on record while the balance is NULL (set so by some other hand).
    db.execute("UPDATE \"User\" SET free_chat_messages = 5 WHERE id = '" + user + "'");
    UUID deduction = db.webAppDeduct(user, "chat_message", 2);
    db.execute("UPDATE \"User\" SET free_chat_messages = NULL WHERE id = '" + user + "'");
    AdjustmentResult refund = service.apply(AdjustmentRequest.refund(
        deduction, null, "failed chat", null, "k-null-r"));
    assertThat(List.of(refund.balanceBefore(), refund.balanceAfter())).containsExactly(20, 22);
    assertThat(refund.beforeUnset()).isTrue();
  }

  @Test
  void theDefaultComesFromTheSettings() {
    db.execute("UPDATE creditdesk.setting SET value = '5' WHERE name = 'webapp_unset_free_credits'");
    UUID user = db.insertUser("legacy@example.com", null, null);
    assertThat(service.apply(AdjustmentRequest.grant(
        user, FeatureType.CHAT_TOOL_CALL, 2, "goodwill", null, "k-set-1")).balanceAfter()).isEqualTo(7);
    db.execute("DELETE FROM creditdesk.setting WHERE name = 'webapp_unset_free_chat_messages'");
    assertThat(service.apply(AdjustmentRequest.grant(
        user, FeatureType.CHAT_MESSAGE, 2, "goodwill", null, "k-set-2")).balanceAfter()).isEqualTo(22);
  }

  @Test
  void aFeatureAddedAtRunTimeCanBeGrantedCorrectedAndRefunded() throws Exception {
    db.execute("ALTER TYPE feature_type ADD VALUE 'standup_generation'");
    UUID user = db.insertUser("standup@example.com", 10, 20);
    UUID deduction = db.webAppDeduct(user, "standup_generation", 2);
    assertThat(call("grant", user, "standup_generation", 5, "new feature", null, "k-new-1", null))
        .isEqualTo("grant standup_generation 8 -> 13");
    assertThat(call("correct", user, "standup_generation", 1, "new feature", null, "k-new-2", null))
        .isEqualTo("deduct standup_generation 13 -> 12");
    assertThat(call("refund", null, null, null, "failed standup", null, "k-new-3", deduction))
        .isEqualTo("refund standup_generation 12 -> 14");
    assertThat(db.balance(user, "free_chat_messages")).isEqualTo(20);
    assertThat(db.text("SELECT string_agg(feature_type, ',' ORDER BY created_at) FROM creditdesk.adjustment"))
        .isEqualTo("standup_generation,standup_generation,standup_generation");
  }

  @Test
  void aFeatureTheDatabaseDoesNotKnowIsRefusedWithASentence() throws Exception {
    UUID user = db.insertUser("ada@example.com", 10, 20);
    assertThat(call("grant", user, "teleportation", 1, "no such feature", null, "k-unknown", null))
        .isEqualTo("CD001 Unknown feature \"teleportation\"; the database knows document_generation,"
            + " workstream_clustering, chat_tool_call, chat_message.");
    assertThat(db.count("SELECT count(*) FROM creditdesk.adjustment")).isZero();
  }

  @Test
  void aGrantThatWouldOverflowTheColumnIsARuleRefusal() throws Exception {
    UUID user = db.insertUser("rich@example.com", Integer.MAX_VALUE - 5, 20);
    assertThat(call("grant", user, "document_generation", 6, "too much", null, "k-over-1", null))
        .startsWith("CD007 Adding 6 to a balance of 2147483642 would exceed 2147483647");
    assertThatThrownBy(() -> service.apply(AdjustmentRequest.grant(
            user, FeatureType.CHAT_TOOL_CALL, 6, "too much", null, "k-over-2")))
        .isInstanceOfSatisfying(BalanceOverflowException.class,
            e -> assertThat(e.exitCode()).isEqualTo(3))
        .hasMessageContaining("largest balance")
        .hasMessageNotContaining("CD007");
    assertThat(call("grant", user, "document_generation", 5, "just fits", null, "k-over-3", null))
        .isEqualTo("grant document_generation 2147483642 -> 2147483647");
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + user + "'"))
        .isEqualTo(1);
  }

  @Test
  void controlAndInvisibleCharactersAreRefusedInReasonTicketAndKey() throws Exception {
    UUID user = db.insertUser("ada@example.com", 10, 20);
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("reason", "reason with a \u0007 bell");
    refused.put("reason ", "zero\u200bwidth reason");
    refused.put("reason  ", "bidi \u202e trick");
    refused.put("reason   ", "soft\u00adhyphen");
    refused.put("ticket", "T\u001b1");
    refused.put("ticket ", "T\n1");
    refused.put("ticket  ", "T\ufeff1");
    refused.put("key", "k\u0085ey");
    refused.put("key ", "k\tey");
    refused.put("key  ", "k\u2066ey");
    refused.put("key   ", "k\u2060ey");
    int i = 0;
    for (Map.Entry<String, String> e : refused.entrySet()) {
      String field = e.getKey().strip();
      String reason = field.equals("reason") ? e.getValue() : "a fine reason";
      String ticket = field.equals("ticket") ? e.getValue() : null;
      String key = field.equals("key") ? e.getValue() : "k-chars-" + i++;
      String outcome = call("grant", user, "chat_message", 1, reason, ticket, key, null);
      assertThat(outcome).as(e.getValue()).startsWith("CD001 The " + (field.equals("key")
          ? "idempotency key" : field) + " contains");
      assertThatThrownBy(() -> {
            switch (field) {
              case "reason" -> AdjustmentValidation.reason(reason);
              case "ticket" -> AdjustmentValidation.ticket(ticket);
              default -> AdjustmentValidation.idempotencyKey(key);
            }
          })
          .as("client: " + e.getValue())
          .isInstanceOf(ValidationException.class)
          .hasMessage(outcome.substring("CD001 ".length()));
    }
    assertThat(db.count("SELECT count(*) FROM creditdesk.adjustment")).isZero();
    // A reason may span lines.
    assertThat(call("grant", user, "chat_message", 1, "line one\nline\ttwo", null, "k-lines", null))
        .isEqualTo("grant chat_message 20 -> 21");
  }

  @Test
  void theKeyStoredIsTheKeyChecked() throws Exception {
    UUID user = db.insertUser("ada@example.com", 10, 20);
    assertThat(call("grant", user, "chat_message", 1, "  padded  ", " T-1 ", "\u3000 k-trim \n", null))
        .isEqualTo("grant chat_message 20 -> 21");
    assertThat(db.text("SELECT idempotency_key || '|' || (request->>'reason') || '|'"
        + " || (request->>'ticket') FROM creditdesk.adjustment")).isEqualTo("k-trim|padded|T-1");
    assertThat(db.text("SELECT metadata->>'idempotencyKey' FROM \"CreditTransaction\""))
        .isEqualTo("k-trim");
    assertThat(call("grant", user, "chat_message", 1, "padded", "T-1", "k-trim", null))
        .isEqualTo("replayed grant chat_message 20 -> 21");
  }

  /** Java's strip() and checks and the database's agree on every code point tried. */
  @Test
  void clientAndDatabaseApplyTheSameCharacterRules() throws Exception {
    List<Integer> stripDisagrees = new ArrayList<>();
    List<Integer> databaseStrips = new ArrayList<>();
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT cp FROM generate_series(1, 1114111) cp"
            + " WHERE cp NOT BETWEEN 55296 AND 57343 AND creditdesk.strip_text('x' || chr(cp)) = 'x'")) {
      while (rs.next()) {
        databaseStrips.add(rs.getInt(1));
      }
    }
    for (int cp = 1; cp <= 0x10FFFF; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        continue;
      }
      boolean javaStrips = ("x" + Character.toString(cp)).strip().equals("x");
      if (javaStrips != databaseStrips.contains(cp)) {
        stripDisagrees.add(cp);
      }
    }
    assertThat(stripDisagrees).as("code points stripped by one side only").isEmpty();

    List<String> disagree = new ArrayList<>();
    try (Connection c = db.ownerConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE FUNCTION pg_temp.refusal(p text, lines boolean) RETURNS text LANGUAGE plpgsql AS $$"
            + " BEGIN PERFORM creditdesk.require_plain_text(p, 'reason', lines); RETURN NULL;"
            + " EXCEPTION WHEN SQLSTATE 'CD001' THEN RETURN SQLERRM; END $$");
      }
      List<int[]> ranges = List.of(new int[] {1, 0x3100}, new int[] {0xFDF0, 0xFFFF},
          new int[] {0x110B0, 0x110D0}, new int[] {0x13420, 0x13450}, new int[] {0x1BC90, 0x1BCB0},
          new int[] {0x1D170, 0x1D180}, new int[] {0xE0000, 0xE0100});
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT cp, pg_temp.refusal('ab' || chr(cp) || 'cd', true),"
              + " pg_temp.refusal('ab' || chr(cp) || 'cd', false)"
              + " FROM generate_series(?, ?) cp WHERE cp NOT BETWEEN 55296 AND 57343")) {
        for (int[] range : ranges) {
          ps.setInt(1, range[0]);
          ps.setInt(2, range[1]);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              int cp = rs.getInt(1);
              String text = "ab" + Character.toString(cp) + "cd";
              String reason = javaRefusal(() -> AdjustmentValidation.reason(text));
              String ticket = javaRefusal(() -> AdjustmentValidation.ticket(text));
              if (!java.util.Objects.equals(reason, rs.getString(2))
                  || !java.util.Objects.equals(ticket == null ? null : ticket.replace("ticket", "reason"),
                      rs.getString(3))) {
                disagree.add(Integer.toHexString(cp));
              }
            }
          }
        }
      }
    }
    assertThat(disagree).as("code points judged differently").isEmpty();
  }

  private static String javaRefusal(Runnable check) {
    try {
      check.run();
      return null;
    } catch (ValidationException e) {
      return e.getMessage();
    }
  }

  /** creditdesk.adjust as the admin, as psql would call it: "op feature before -> after" or the error. */
  private String call(String op, UUID user, String feature, Integer amount, String reason,
      String ticket, String key, UUID refundOf) throws SQLException {
    try (Connection c = db.connectAs(admin);
        PreparedStatement ps = c.prepareStatement(
            "SELECT replayed, operation, feature_type, balance_before, balance_after"
                + " FROM creditdesk.adjust(?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, op);
      ps.setObject(2, user);
      ps.setString(3, feature);
      ps.setObject(4, amount, java.sql.Types.INTEGER);
      ps.setString(5, reason);
      ps.setString(6, ticket);
      ps.setString(7, key);
      ps.setObject(8, refundOf);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return (rs.getBoolean(1) ? "replayed " : "") + rs.getString(2) + " " + rs.getString(3) + " "
            + rs.getInt(4) + " -> " + rs.getInt(5);
      }
    } catch (SQLException e) {
      return e.getSQLState() + " " + (e instanceof org.postgresql.util.PSQLException p
          && p.getServerErrorMessage() != null ? p.getServerErrorMessage().getMessage() : e.getMessage());
    }
  }
}
