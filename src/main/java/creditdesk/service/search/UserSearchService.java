package creditdesk.service.search;

import creditdesk.persistence.UserRows;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.hibernate.JDBCException;
import org.hibernate.SessionFactory;

/**
 * Finds users by email fragment, name fragment or exact id. Fragments are matched literally
 * ({@code %}, {@code _} and {@code \} are escaped) and case-insensitively through the trigram
 * indexes of migration V6; exact email matches rank first, then prefixes, then substrings.
 */
public final class UserSearchService {
  public static final int PAGE_SIZE = 50;
  public static final int MAX_QUERY_LENGTH = 256;
  private static final int STREAM_FETCH_SIZE = 1000;

  /** The "User" columns the search reads where they exist and the login may (see UserRows). */
  public static final List<String> COLUMNS = UserRows.COLUMNS;

  private final SessionFactory sessionFactory;
  private final Clock clock;
  private final UserRows users = new UserRows();

  public UserSearchService(SessionFactory sessionFactory) {
    this(sessionFactory, Clock.systemUTC());
  }

  /** @param clock "now" for the users' plans */
  public UserSearchService(SessionFactory sessionFactory, Clock clock) {
    this.sessionFactory = sessionFactory;
    this.clock = clock;
  }

  public SearchPage search(String query, int page) {
    try {
      return page(query, page);
    } catch (JDBCException e) {
      throw DatabaseErrors.translate(e.getSQLException());
    }
  }

  private SearchPage page(String query, int page) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      return SearchPage.empty(q);
    }
    if (q.length() > MAX_QUERY_LENGTH) {
      throw new ValidationException("Search for at most " + MAX_QUERY_LENGTH + " characters.");
    }
    if (page < 0) {
      throw new ValidationException("There is no page " + page + ".");
    }
    UUID id = UserResolver.parseUuid(q);
    if (id != null) {
      List<UserSummary> user = users.read(sessionFactory, c -> byId(c, id));
      return new SearchPage(q, 0, user, false);
    }
    String lower = q.toLowerCase(Locale.ROOT);
    String literal = escapeLike(lower);
    List<UserSummary> rows =
        users.read(
            sessionFactory,
            c -> {
              UserRows.Shape shape = users.shape(c);
              List<UserSummary> found = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(search(shape) + " LIMIT ? OFFSET ?")) {
                int i = bind(s, literal, lower);
                s.setInt(i++, PAGE_SIZE + 1);
                s.setLong(i, (long) page * PAGE_SIZE);
                LocalDateTime now = LocalDateTime.now(clock);
                try (ResultSet rs = s.executeQuery()) {
                  while (rs.next()) {
                    found.add(UserSummary.of(shape.map(rs), now));
                  }
                }
              }
              return found;
            });
    boolean more = rows.size() > PAGE_SIZE;
    return new SearchPage(q, page, more ? rows.subList(0, PAGE_SIZE) : rows, more);
  }

  /**
   * Hands every match of {@code query} to {@code sink}, in the order {@link #search} pages them,
   * until the sink answers false. Streams through a cursor, so any number of matches fits in
   * memory. Returns how many matches the sink took.
   */
  public long forEachMatch(String query, Predicate<UserSummary> sink) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      return 0;
    }
    if (q.length() > MAX_QUERY_LENGTH) {
      throw new ValidationException("Search for at most " + MAX_QUERY_LENGTH + " characters.");
    }
    UUID id = UserResolver.parseUuid(q);
    if (id != null) {
      List<UserSummary> one = search(q, 0).users();
      return one.isEmpty() || !sink.test(one.get(0)) ? 0 : 1;
    }
    String lower = q.toLowerCase(Locale.ROOT);
    String literal = escapeLike(lower);
    return users.read(
        sessionFactory,
        c -> {
          UserRows.Shape shape = users.shape(c);
          long taken = 0;
          try (PreparedStatement s = c.prepareStatement(search(shape))) {
            bind(s, literal, lower);
            // Inside the transaction a fetch size makes PgJDBC read through a cursor.
            s.setFetchSize(STREAM_FETCH_SIZE);
            LocalDateTime now = LocalDateTime.now(clock);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                if (!sink.test(UserSummary.of(shape.map(rs), now))) {
                  break;
                }
                taken++;
              }
            }
          }
          return taken;
        });
  }

  private List<UserSummary> byId(Connection c, UUID id) throws SQLException {
    UserRows.Shape shape = users.shape(c);
    try (PreparedStatement s = c.prepareStatement(shape.select() + " WHERE u.id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? List.of(UserSummary.of(shape.map(rs), LocalDateTime.now(clock))) : List.of();
      }
    }
  }

  /**
   * Exact email matches first, then prefixes, then names, then substrings. Without a name column
   * the search looks at emails only.
   */
  private static String search(UserRows.Shape shape) {
    String name = shape.column("name");
    return shape.select()
        + " WHERE u.email ILIKE ? ESCAPE '\\' OR " + name + " ILIKE ? ESCAPE '\\'"
        + " ORDER BY CASE"
        + "   WHEN lower(u.email) = ? THEN 0"
        + "   WHEN u.email ILIKE ? ESCAPE '\\' THEN 1"
        + "   WHEN lower(" + name + ") = ? THEN 2"
        + "   WHEN " + name + " ILIKE ? ESCAPE '\\' THEN 3"
        + "   ELSE 4 END,"
        + " u.email, u.id";
  }

  private static int bind(PreparedStatement s, String literal, String lower) throws SQLException {
    s.setString(1, "%" + literal + "%");
    s.setString(2, "%" + literal + "%");
    s.setString(3, lower);
    s.setString(4, literal + "%");
    s.setString(5, lower);
    s.setString(6, literal + "%");
    return 7;
  }

  /** Makes every character of {@code text} match itself in a LIKE pattern with escape '\'. */
  public static String escapeLike(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '_' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
