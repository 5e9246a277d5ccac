package creditdesk.service.search;

import creditdesk.persistence.UserRows;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.UserNotFoundException;
import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.StaffSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.JDBCException;
import org.hibernate.SessionFactory;

/**
 * Finds exactly one user from what a person typed: an id, or an email. Emails are not unique in
 * the web app's schema, so several matches are refused with the candidates listed.
 */
public final class UserResolver {
  private static final int LISTED = 10;
  private final SessionFactory sessionFactory;
  private final Clock clock = Clock.systemUTC();
  private final UserRows users = new UserRows();

  public UserResolver(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  /** For front ends, which never touch Hibernate types themselves. */
  public UserResolver(StaffSession session) {
    this(session.sessionFactory());
  }

  public UserSummary resolve(String emailOrId) {
    String text = emailOrId == null ? "" : emailOrId.strip();
    if (text.isEmpty()) {
      throw new ValidationException("Give the user's email or id.");
    }
    UUID id = parseUuid(text);
    if (id != null) {
      List<UserSummary> user = find(shape -> " WHERE u.id = ?", id, 1);
      if (user.isEmpty()) {
        throw new UserNotFoundException("No user with id " + id + ".");
      }
      return user.get(0);
    }
    List<UserSummary> matches =
        find(
            shape -> " WHERE lower(u.email) = ? ORDER BY " + shape.column("created_at") + ", u.id",
            text.toLowerCase(Locale.ROOT),
            LISTED + 1);
    if (matches.isEmpty()) {
      throw new UserNotFoundException("No user with email " + text + ".");
    }
    if (matches.size() > 1) {
      String listed =
          matches.stream().limit(LISTED).map(UserSummary::describe).collect(Collectors.joining("; "));
      throw new AmbiguousUserException(
          "Several users have the email " + text + "; give one of their ids: " + listed
              + (matches.size() > LISTED ? "; …" : "") + ".");
    }
    return matches.get(0);
  }

  private List<UserSummary> find(
      Function<UserRows.Shape, String> where, Object value, int limit) {
    try {
      return read(where, value, limit);
    } catch (JDBCException e) {
      throw DatabaseErrors.translate(e.getSQLException());
    }
  }

  private List<UserSummary> read(
      Function<UserRows.Shape, String> where, Object value, int limit) {
    return users.read(
        sessionFactory,
        c -> {
          UserRows.Shape shape = users.shape(c);
          List<UserSummary> found = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(shape.select() + where.apply(shape) + " LIMIT ?")) {
            s.setObject(1, value);
            s.setInt(2, limit);
            LocalDateTime now = LocalDateTime.now(clock);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                found.add(UserSummary.of(shape.map(rs), now));
              }
            }
          }
          return found;
        });
  }

  static UUID parseUuid(String text) {
    if (text.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
