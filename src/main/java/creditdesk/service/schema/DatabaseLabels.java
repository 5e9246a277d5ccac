package creditdesk.service.schema;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import creditdesk.service.common.DatabaseErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The labels the database's enums have now, in their order, read once at login: what pickers and
 * filters offer. A label the web app added after this build is among them; a type the database
 * does not have (dropped by the web app) leaves its list empty.
 */
public record DatabaseLabels(
    List<FeatureType> features,
    List<OperationType> operations,
    List<UserLevel> levels,
    List<UserStatus> statuses) {
  /** The labels this build knows: for tests and for when the catalogue cannot be read. */
  public static final DatabaseLabels KNOWN =
      new DatabaseLabels(
          FeatureType.known(), OperationType.known(), UserLevel.known(), UserStatus.known());

  public DatabaseLabels {
    features = List.copyOf(features);
    operations = List.copyOf(operations);
    levels = List.copyOf(levels);
    statuses = List.copyOf(statuses);
  }

  /** The labels of {@code public.<type>} in the enum's sort order; empty when there is no such type. */
  static List<String> labels(Connection c, String type) throws SQLException {
    List<String> labels = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.enumlabel FROM pg_catalog.pg_enum e"
                + " JOIN pg_catalog.pg_type t ON t.oid = e.enumtypid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE n.nspname = 'public' AND t.typname = ? ORDER BY e.enumsortorder")) {
      ps.setString(1, type);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          labels.add(rs.getString(1));
        }
      }
    }
    return labels;
  }

  public static DatabaseLabels read(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      return read(c);
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
  }

  static DatabaseLabels read(Connection c) throws SQLException {
    return new DatabaseLabels(
        map(labels(c, "feature_type"), FeatureType::fromDb),
        map(labels(c, "operation_type"), OperationType::fromDb),
        map(labels(c, "user_level"), UserLevel::fromDb),
        map(labels(c, "user_status"), UserStatus::fromDb));
  }

  private static <T> List<T> map(List<String> labels, Function<String, T> f) {
    return labels.stream().map(f).toList();
  }
}
