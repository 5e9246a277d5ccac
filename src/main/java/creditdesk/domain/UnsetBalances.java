package creditdesk.domain;

/**
 * What the web app shows for a balance that is NULL (a legacy user's): its code reads
 * {@code free_credits ?? 10} and {@code free_chat_messages ?? 20}. The figures are kept in
 * creditdesk.setting ({@code webapp_unset_free_credits}, {@code webapp_unset_free_chat_messages})
 * because they live in the web app's code, not in its schema; see docs/shared-database.md.
 */
public record UnsetBalances(int credits, int chatMessages) {
  /** The web app's figures today, used when the settings are absent or unreadable. */
  public static final UnsetBalances FALLBACK = new UnsetBalances(10, 20);

  public int of(Balance balance) {
    return balance == Balance.CREDITS ? credits : chatMessages;
  }

  /** The settings' text values, each falling back on its own when absent or not a number. */
  public static UnsetBalances parse(String credits, String chatMessages) {
    return new UnsetBalances(
        parse(credits, FALLBACK.credits), parse(chatMessages, FALLBACK.chatMessages));
  }

  private static int parse(String text, int fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text.strip());
      return n < 0 ? fallback : n;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
