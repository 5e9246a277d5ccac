package creditdesk.service;

import creditdesk.domain.UserAccount;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
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

  /** The "User" columns the search reads (those UserAccount maps): a login needs SELECT on each. */
  public static final List<String> COLUMNS =
      List.of("id", "email", "name", "provider", "created_at", "updated_at", "email_verified",
          "level", "renewal_period", "last_payment", "status", "is_demo", "free_credits",
          "free_chat_messages");

  private static final String SEARCH =
      "from UserAccount u"
          + " where u.email ilike :contains escape '\\' or u.name ilike :contains escape '\\'"
          + " order by case"
          + "   when lower(u.email) = :exact then 0"
          + "   when u.email ilike :prefix escape '\\' then 1"
          + "   when lower(u.name) = :exact then 2"
          + "   when u.name ilike :prefix escape '\\' then 3"
          + "   else 4 end,"
          + " u.email, u.id";

  private final SessionFactory sessionFactory;

  public UserSearchService(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  public SearchPage search(String query, int page) {
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
      UserAccount user = sessionFactory.fromTransaction(s -> s.find(UserAccount.class, id));
      return new SearchPage(q, 0, user == null ? List.of() : List.of(UserSummary.of(user)), false);
    }
    String lower = q.toLowerCase(Locale.ROOT);
    String literal = escapeLike(lower);
    List<UserSummary> rows =
        sessionFactory.fromTransaction(
            s ->
                s.createSelectionQuery(SEARCH, UserAccount.class)
                    .setParameter("contains", "%" + literal + "%")
                    .setParameter("prefix", literal + "%")
                    .setParameter("exact", lower)
                    .setFirstResult(page * PAGE_SIZE)
                    .setMaxResults(PAGE_SIZE + 1)
                    .getResultList()
                    .stream()
                    .map(UserSummary::of)
                    .toList());
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
    long[] taken = {0};
    sessionFactory.inStatelessTransaction(
        s -> {
          try (ScrollableResults<UserAccount> rows =
              s.createSelectionQuery(SEARCH, UserAccount.class)
                  .setParameter("contains", "%" + literal + "%")
                  .setParameter("prefix", literal + "%")
                  .setParameter("exact", lower)
                  .setFetchSize(STREAM_FETCH_SIZE)
                  .scroll(ScrollMode.FORWARD_ONLY)) {
            while (rows.next()) {
              if (!sink.test(UserSummary.of(rows.get()))) {
                return;
              }
              taken[0]++;
            }
          }
        });
    return taken[0];
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
