package creditdesk.domain;

/** The two balances a user has; each feature moves exactly one of them. */
public enum Balance {
  CREDITS("free_credits", "credits"),
  CHAT_MESSAGES("free_chat_messages", "chat messages");

  private final String column;
  private final String label;

  Balance(String column, String label) {
    this.column = column;
    this.label = label;
  }

  public String column() {
    return column;
  }

  public String label() {
    return label;
  }
}
