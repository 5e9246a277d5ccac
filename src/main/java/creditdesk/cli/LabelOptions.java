package creditdesk.cli;

import creditdesk.domain.DbLabel;
import creditdesk.service.common.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Feature and operation options: any label the database's enum has, including ones this build
 * does not know. A label is checked against the database's list after login, so that a typo is a
 * sentence naming the labels there are, not an error from PostgreSQL.
 */
final class LabelOptions {
  private LabelOptions() {}

  /** The label as typed: stripped; "Chat-Message" also finds chat_message. */
  static <T extends DbLabel> T parse(String text, Function<String, T> fromDb, String what) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new ValidationException("The " + what + " is empty.");
    }
    return fromDb.apply(t);
  }

  /** {@code value}, or the label of {@code offered} it names loosely; else a sentence listing them. */
  static <T extends DbLabel> T check(T value, List<T> offered, String what) {
    if (value == null || offered.contains(value)) {
      return value;
    }
    String loose = value.dbValue().toLowerCase(Locale.ROOT).replace('-', '_');
    for (T o : offered) {
      if (o.dbValue().equals(loose)) {
        return o;
      }
    }
    throw new ValidationException("Unknown " + what + " \"" + value.dbValue()
        + "\"; this database has " + offered.stream().map(DbLabel::dbValue)
            .collect(Collectors.joining(", ")) + ".");
  }
}
