package creditdesk.service.schema;

import creditdesk.domain.DbLabel;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.RenewalPeriod;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this build knows of the web app's tables and enums, and what stops working without each
 * part: the columns of {@code "User"} and {@code "CreditTransaction"} it reads, the ones it knows
 * and leaves alone, and the labels of each enum. {@link #inspect} compares that with a database;
 * {@code creditdesk doctor} prints the result, and read paths can ask {@link #column} what to say
 * when a column is gone.
 */
public final class SchemaShape {
  public static final String USER = "User";
  public static final String LEDGER = "CreditTransaction";

  /** REQUIRED: the console cannot work without it. PARTIAL: something is not shown or done. */
  public enum Need { REQUIRED, PARTIAL }

  /** A column this build reads; {@code withoutIt} says what stops working when it is missing. */
  public record Column(String table, String name, String type, Need need, String withoutIt) {
    public String quoted() {
      return "\"" + table + "\"." + name;
    }
  }

  /** An enum of the web app; {@code newLabel} says how a label this build does not know is treated. */
  public record Enum(String type, List<String> labels, String newLabel) {}

  /** NOTE: nothing stops working. WARNING: something does. FAILURE: the console cannot work. */
  public enum Severity { NOTE, WARNING, FAILURE }

  /** One difference between the database and this build, as one sentence. */
  public record Finding(Severity severity, String subject, String sentence) {}

  private static final String HISTORY = "the history, exports and adjustments do not work";

  private static final List<Column> COLUMNS = List.of(
      new Column(USER, "id", "uuid", Need.REQUIRED, "no user can be found or opened"),
      new Column(USER, "email", "varchar", Need.REQUIRED, "users cannot be found or shown by e-mail"),
      new Column(USER, "name", "varchar", Need.PARTIAL, "names are not shown or searched"),
      new Column(USER, "provider", "varchar", Need.PARTIAL, "the sign-in provider is not shown"),
      new Column(USER, "created_at", "timestamp", Need.PARTIAL, "the sign-up date is not shown"),
      new Column(USER, "updated_at", "timestamp", Need.PARTIAL, "the last change of the user is not shown"),
      new Column(USER, "email_verified", "bool", Need.PARTIAL, "whether the e-mail is verified is not shown"),
      new Column(USER, "level", "user_level", Need.PARTIAL, "level and plan are not shown"),
      new Column(USER, "renewal_period", "renewal_period", Need.PARTIAL, "the plan is not shown"),
      new Column(USER, "last_payment", "timestamp", Need.PARTIAL,
          "the plan (whether a yearly plan is still paid) is not shown"),
      new Column(USER, "status", "user_status", Need.PARTIAL, "the account status is not shown"),
      new Column(USER, "is_demo", "bool", Need.PARTIAL, "whether the user is a demo account is not shown"),
      new Column(USER, "free_credits", "int4", Need.PARTIAL,
          "credit balances are not shown and credits cannot be granted, refunded or corrected"),
      new Column(USER, "free_chat_messages", "int4", Need.PARTIAL,
          "chat message balances are not shown and chat messages cannot be granted, refunded or corrected"),
      new Column(LEDGER, "id", "uuid", Need.REQUIRED, HISTORY),
      new Column(LEDGER, "user_id", "uuid", Need.REQUIRED, HISTORY),
      new Column(LEDGER, "amount", "int4", Need.REQUIRED, HISTORY),
      new Column(LEDGER, "operation", "operation_type", Need.REQUIRED, HISTORY),
      new Column(LEDGER, "feature_type", "feature_type", Need.REQUIRED, HISTORY),
      new Column(LEDGER, "metadata", "jsonb", Need.PARTIAL, "ledger metadata is not shown or exported"),
      new Column(LEDGER, "created_at", "timestamp", Need.REQUIRED, HISTORY));

  /** Web-app columns this build knows and does not read: neither new nor missing. */
  private static final Map<String, Set<String>> KNOWN_UNUSED = Map.of(
      USER, Set.of("password", "image", "provider_id", "preferences", "stripe_customer_id",
          "tos_accepted_at", "demo_user_id"),
      LEDGER, Set.of());

  private static final List<Enum> ENUMS = List.of(
      new Enum("feature_type", labels(FeatureType.known()), "shown as it is; its rows move credits"),
      new Enum("operation_type", labels(OperationType.known()),
          "shown as it is; its rows count as no change to a balance"),
      new Enum("user_level", labels(UserLevel.known()),
          "shown as it is; such users are charged like free users"),
      new Enum("user_status", labels(UserStatus.known()), "shown as it is"),
      new Enum("renewal_period", labels(RenewalPeriod.known()),
          "shown as it is; a paid user on it is charged"));

  private SchemaShape() {}

  /** Every column this build reads, in table order. */
  public static List<Column> columns() {
    return COLUMNS;
  }

  public static Optional<Column> column(String table, String name) {
    return COLUMNS.stream().filter(c -> c.table().equals(table) && c.name().equals(name)).findFirst();
  }

  public static List<Enum> enums() {
    return ENUMS;
  }

  /** The sentence for a missing column, e.g. {@code column "User".level is missing: level and plan are not shown}. */
  public static String missing(Column c) {
    return "column " + c.quoted() + " is missing: " + c.withoutIt();
  }

  /** The columns {@code public."<table>"} has now (empty when the table is gone), with their type names. */
  public static Map<String, String> presentColumns(Connection c, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT a.attname, t.typname FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attnum")) {
      ps.setString(1, "public.\"" + table + "\"");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return columns;
  }

  /** Every difference between the database and this build; empty when they agree. */
  public static List<Finding> inspect(Connection c) throws SQLException {
    List<Finding> findings = new ArrayList<>();
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    for (String table : List.of(USER, LEDGER)) {
      tables.put(table, presentColumns(c, table));
    }
    for (Map.Entry<String, Map<String, String>> t : tables.entrySet()) {
      if (t.getValue().isEmpty()) {
        findings.add(new Finding(Severity.FAILURE, "\"" + t.getKey() + "\"",
            "table \"" + t.getKey() + "\" is missing: the console cannot work"));
      }
    }
    for (Column col : COLUMNS) {
      Map<String, String> present = tables.get(col.table());
      if (present.isEmpty()) {
        continue;
      }
      String type = present.get(col.name());
      if (type == null) {
        findings.add(new Finding(
            col.need() == Need.REQUIRED ? Severity.FAILURE : Severity.WARNING, col.quoted(), missing(col)));
      } else if (!type.equals(col.type()) && !readsAsText(col, type)) {
        findings.add(new Finding(Severity.WARNING, col.quoted(), "column " + col.quoted() + " has type "
            + type + " where this build expects " + col.type() + ": if the console cannot read it, "
            + col.withoutIt()));
      }
    }
    for (Map.Entry<String, Map<String, String>> t : tables.entrySet()) {
      for (String name : t.getValue().keySet()) {
        if (column(t.getKey(), name).isEmpty() && !KNOWN_UNUSED.get(t.getKey()).contains(name)) {
          String quoted = "\"" + t.getKey() + "\"." + name;
          findings.add(new Finding(Severity.NOTE, quoted,
              "column " + quoted + " is new to this build: it is not shown"));
        }
      }
    }
    for (Enum e : ENUMS) {
      List<String> labels = DatabaseLabels.labels(c, e.type());
      if (labels.isEmpty()) {
        if (usedBy(e.type(), tables)) {
          findings.add(new Finding(Severity.NOTE, e.type(), "enum type " + e.type()
              + " is missing: its column is read as text and any value is shown as it is"));
        }
        continue;
      }
      for (String label : labels) {
        if (!e.labels().contains(label)) {
          findings.add(new Finding(Severity.NOTE, e.type(),
              "label '" + label + "' of " + e.type() + " is new to this build: " + e.newLabel()));
        }
      }
      for (String label : e.labels()) {
        if (!labels.contains(label)) {
          findings.add(new Finding(Severity.NOTE, e.type(), "label '" + label + "' of " + e.type()
              + " is missing: filters and pickers no longer offer it; nothing else stops working"));
        }
      }
    }
    return findings;
  }

  /** An enum column that is text for now (Drizzle rewrites an enum through text) reads the same. */
  private static boolean readsAsText(Column col, String type) {
    boolean enumColumn = ENUMS.stream().anyMatch(e -> e.type().equals(col.type()));
    return enumColumn && (type.equals("text") || type.equals("varchar"));
  }

  /** Whether a column this build reads still exists that was of {@code type}. */
  private static boolean usedBy(String type, Map<String, Map<String, String>> tables) {
    return COLUMNS.stream().anyMatch(col -> col.type().equals(type)
        && tables.get(col.table()).containsKey(col.name()));
  }

  private static List<String> labels(List<? extends DbLabel> known) {
    return known.stream().map(DbLabel::dbValue).toList();
  }
}
