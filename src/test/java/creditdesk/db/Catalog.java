package creditdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shape of tables from pg_catalog and information_schema as readable lines, so that
 * tests can compare it with a hand-written expectation or with an earlier snapshot.
 */
final class Catalog {
  private final Connection c;

  /** Sets search_path to pg_catalog only, so every type and default prints schema-qualified. */
  Catalog(Connection c) throws SQLException {
    this.c = c;
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path = pg_catalog");
    }
  }

  /**
   * One line per column, in column order: {@code name type null|not null [default expr]}. Types:
   * {@code varchar(n)}, {@code enum schema.name}, else information_schema's data_type.
   */
  List<String> columns(String schema, String table) throws SQLException {
    return lines(
        "SELECT c.column_name, c.data_type, c.character_maximum_length, c.udt_schema, c.udt_name,"
            + " c.is_nullable, c.column_default, t.typtype"
            + " FROM information_schema.columns c"
            + " JOIN pg_type t ON t.typname = c.udt_name"
            + "  AND t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = c.udt_schema)"
            + " WHERE c.table_schema = ? AND c.table_name = ? ORDER BY c.ordinal_position",
        rs -> {
          String type = rs.getString(2);
          if (type.equals("character varying")) {
            type = "varchar(" + rs.getInt(3) + ")";
          } else if (type.equals("USER-DEFINED")) {
            type = ("e".equals(rs.getString(8)) ? "enum " : "type ") + rs.getString(4) + "."
                + rs.getString(5);
          }
          String line = rs.getString(1) + " " + type
              + ("YES".equals(rs.getString(6)) ? " null" : " not null");
          String def = rs.getString(7);
          return def == null ? line : line + " default " + normaliseExpression(def);
        },
        schema, table);
  }

  /** Constraints: {@code name definition}, CHECK bodies without parentheses. */
  List<String> constraints(String schema, String table) throws SQLException {
    return lines(
        "SELECT k.conname, k.contype, pg_get_constraintdef(k.oid) FROM pg_constraint k"
            + " JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
            + " WHERE n.nspname = ? AND r.relname = ? ORDER BY k.conname",
        rs -> {
          String def = rs.getString(3);
          if ("c".equals(rs.getString(2))) {
            def = def.replace("(", "").replace(")", "");
          }
          return rs.getString(1) + " " + def;
        },
        schema, table);
  }

  /** Full index definitions (pg_get_indexdef). */
  List<String> indexes(String schema, String table) throws SQLException {
    return lines(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ? ORDER BY indexname",
        rs -> rs.getString(1), schema, table);
  }

  List<String> indexNames(String schema, String table) throws SQLException {
    return lines(
        "SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = ? ORDER BY indexname",
        rs -> rs.getString(1), schema, table);
  }

  /** User-defined (not internal, i.e. not foreign-key) triggers: {@code name definition}. */
  List<String> triggers(String schema, String table) throws SQLException {
    return lines(
        "SELECT t.tgname, t.tgenabled, pg_get_triggerdef(t.oid) FROM pg_trigger t"
            + " JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
            + " WHERE n.nspname = ? AND r.relname = ? AND NOT t.tgisinternal ORDER BY t.tgname",
        rs -> rs.getString(1) + " enabled=" + rs.getString(2) + " " + rs.getString(3),
        schema, table);
  }

  List<String> triggerNames(String schema, String table) throws SQLException {
    return lines(
        "SELECT t.tgname FROM pg_trigger t"
            + " JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
            + " WHERE n.nspname = ? AND r.relname = ? AND NOT t.tgisinternal ORDER BY t.tgname",
        rs -> rs.getString(1), schema, table);
  }

  /** Every enum type of {@code schema} with its labels in sort order. */
  Map<String, List<String>> enums(String schema) throws SQLException {
    Map<String, List<String>> result = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ?"
                + " ORDER BY t.typname, e.enumsortorder")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return result;
  }

  /** Relations of {@code schema} other than indexes: {@code name kind owner flags}. */
  List<String> relations(String schema) throws SQLException {
    return lines(
        "SELECT r.relname, r.relkind, pg_get_userbyid(r.relowner), r.relrowsecurity,"
            + " r.relforcerowsecurity, r.relreplident FROM pg_class r"
            + " JOIN pg_namespace n ON n.oid = r.relnamespace"
            + " WHERE n.nspname = ? AND r.relkind <> 'i' ORDER BY r.relname",
        rs -> rs.getString(1) + " kind=" + rs.getString(2) + " owner=" + rs.getString(3)
            + " rls=" + rs.getBoolean(4) + "/" + rs.getBoolean(5) + " replident=" + rs.getString(6),
        schema);
  }

  /** Functions and procedures of {@code schema}, with a hash of their body. */
  List<String> functions(String schema) throws SQLException {
    return lines(
        "SELECT p.oid::regprocedure::text, md5(pg_get_functiondef(p.oid)),"
            + " pg_get_userbyid(p.proowner), coalesce(p.proacl::text, '')"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?"
            + " ORDER BY 1",
        rs -> rs.getString(1) + " " + rs.getString(2) + " owner=" + rs.getString(3) + " acl="
            + rs.getString(4),
        schema);
  }

  /** Types of {@code schema} other than enums, table row types and arrays. */
  List<String> otherTypes(String schema) throws SQLException {
    return lines(
        "SELECT t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname = ? AND t.typtype <> 'e' AND t.typelem = 0"
            + " AND NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.reltype = t.oid) ORDER BY 1",
        rs -> rs.getString(1) + " " + rs.getString(2), schema);
  }

  /** Rules and row-level-security policies on tables of {@code schema}. */
  List<String> rulesAndPolicies(String schema) throws SQLException {
    return lines(
        "SELECT 'rule ' || tablename || '.' || rulename || ' ' || definition FROM pg_rules"
            + " WHERE schemaname = ?"
            + " UNION ALL SELECT 'policy ' || tablename || '.' || policyname FROM pg_policies"
            + " WHERE schemaname = ? ORDER BY 1",
        rs -> rs.getString(1), schema, schema);
  }

  /**
   * Privileges granted on the tables of {@code schema} and on their columns, one line per grantee
   * and privilege: {@code table[.column] grantee privilege grantable}.
   */
  List<String> privileges(String schema) throws SQLException {
    return lines(
        "SELECT r.relname, NULL::name AS col, a.grantee, a.privilege_type, a.is_grantable"
            + " FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace,"
            // NULL means the owner's default rights; the first GRANT only writes them out.
            + " aclexplode(coalesce(r.relacl, acldefault(CASE WHEN r.relkind = 'S' THEN 's'"
            + " ELSE 'r' END::\"char\", r.relowner))) a WHERE n.nspname = ? AND r.relkind <> 'i'"
            + " UNION ALL"
            + " SELECT r.relname, att.attname, a.grantee, a.privilege_type, a.is_grantable"
            + " FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace"
            + " JOIN pg_attribute att ON att.attrelid = r.oid AND att.attnum > 0,"
            + " aclexplode(att.attacl) a WHERE n.nspname = ?",
        rs -> {
          String grantee = rs.getLong(3) == 0 ? "PUBLIC" : granteeName(rs.getLong(3));
          return rs.getString(1) + (rs.getString(2) == null ? "" : "." + rs.getString(2)) + " "
              + grantee + " " + rs.getString(4) + (rs.getBoolean(5) ? " grantable" : "");
        },
        schema, schema).stream().sorted().toList();
  }

  /** Row count and a hash over every row of every table of {@code schema}. */
  Map<String, String> rowChecksums(String schema) throws SQLException {
    Map<String, String> result = new LinkedHashMap<>();
    for (String table : lines(
        "SELECT relname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace"
            + " WHERE n.nspname = ? AND r.relkind = 'r' ORDER BY 1",
        rs -> rs.getString(1), schema)) {
      String qualified = quoteIdent(schema) + "." + quoteIdent(table);
      result.put(table, lines(
          "SELECT count(*) || ' rows, md5 '"
              + " || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
              + " FROM " + qualified + " t",
          rs -> rs.getString(1)).get(0));
    }
    for (String sequence : lines(
        "SELECT relname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace"
            + " WHERE n.nspname = ? AND r.relkind = 'S' ORDER BY 1",
        rs -> rs.getString(1), schema)) {
      result.put(sequence, lines(
          "SELECT last_value || ' ' || is_called FROM " + quoteIdent(schema) + "."
              + quoteIdent(sequence),
          rs -> rs.getString(1)).get(0));
    }
    return result;
  }

  /** Settings stored on a role (ALTER ROLE ... SET), for all databases. */
  List<String> roleSettings(String role) throws SQLException {
    return lines(
        "SELECT unnest(s.setconfig) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
            + " WHERE r.rolname = ? AND s.setdatabase = 0 ORDER BY 1",
        rs -> rs.getString(1), role);
  }

  /**
   * Collapses whitespace and drops the blanks jsonb puts after ':' and ',' in a printed default,
   * so that {@code '{"a":"b"}'::jsonb} compares equal however it was written.
   */
  static String normaliseExpression(String expression) {
    return expression.trim().replaceAll("\\s+", " ").replace(": ", ":").replace(", ", ",");
  }

  private String granteeName(long oid) throws SQLException {
    return lines("SELECT rolname FROM pg_roles WHERE oid = ?::oid", rs -> rs.getString(1),
        Long.toString(oid)).get(0);
  }

  private String quoteIdent(String name) throws SQLException {
    return lines("SELECT quote_ident(?)", rs -> rs.getString(1), name).get(0);
  }

  interface Row {
    String read(ResultSet rs) throws SQLException;
  }

  private List<String> lines(String sql, Row row, String... params) throws SQLException {
    List<String> result = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(row.read(rs));
        }
      }
    }
    return result;
  }
}
