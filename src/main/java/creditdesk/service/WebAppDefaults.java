package creditdesk.service;

import creditdesk.domain.Balance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What the web app shows for a balance that was never set (NULL): settings
 * {@code webapp_unset_free_credits} and {@code webapp_unset_free_chat_messages} in
 * {@code creditdesk.setting}, 10 and 20 when a row is absent (the web app's {@code ?? 10} and
 * {@code ?? 20}).
 */
public record WebAppDefaults(int credits, int chatMessages) {
  public static final WebAppDefaults FALLBACK = new WebAppDefaults(10, 20);

  public int of(Balance balance) {
    return balance == Balance.CREDITS ? credits : chatMessages;
  }

  /** {@code stored}, or the default when it is NULL. */
  public int asWebAppReads(Balance balance, Integer stored) {
    return stored == null ? of(balance) : stored;
  }

  public static WebAppDefaults read(DataSource ds) {
    int credits = FALLBACK.credits();
    int chat = FALLBACK.chatMessages();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, value FROM creditdesk.setting WHERE name IN"
            + " ('webapp_unset_free_credits', 'webapp_unset_free_chat_messages')")) {
      while (rs.next()) {
        Integer v = number(rs.getString(2));
        if (v == null) {
          continue;
        }
        if (rs.getString(1).equals("webapp_unset_free_credits")) {
          credits = v;
        } else {
          chat = v;
        }
      }
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
    return new WebAppDefaults(credits, chat);
  }

  private static Integer number(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
