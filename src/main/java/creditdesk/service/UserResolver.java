package creditdesk.service;

import creditdesk.domain.UserAccount;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.SessionFactory;

/**
 * Finds exactly one user from what a person typed: an id, or an email. Emails are not unique in
 * the web app's schema, so several matches are refused with the candidates listed.
 */
public final class UserResolver {
  private static final int LISTED = 10;
  private final SessionFactory sessionFactory;

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
      UserAccount user = sessionFactory.fromTransaction(s -> s.find(UserAccount.class, id));
      if (user == null) {
        throw new UserNotFoundException("No user with id " + id + ".");
      }
      return UserSummary.of(user);
    }
    List<UserSummary> matches =
        sessionFactory.fromTransaction(
            s ->
                s.createSelectionQuery(
                        "from UserAccount where lower(email) = :email order by createdAt, id",
                        UserAccount.class)
                    .setParameter("email", text.toLowerCase(Locale.ROOT))
                    .setMaxResults(LISTED + 1)
                    .getResultList()
                    .stream()
                    .map(UserSummary::of)
                    .toList());
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
