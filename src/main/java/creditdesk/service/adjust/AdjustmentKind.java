package creditdesk.service.adjust;

/** The three ways an admin changes a balance. */
public enum AdjustmentKind {
  /** Adds credits or chat messages; ledger operation {@code grant}. */
  GRANT("grant"),
  /** Gives back all or part of one deduction; ledger operation {@code refund}. */
  REFUND("refund"),
  /** Takes back what was granted by mistake; ledger operation {@code deduct}. */
  CORRECT("correct");

  private final String functionArgument;

  AdjustmentKind(String functionArgument) {
    this.functionArgument = functionArgument;
  }

  /** The operation name {@code creditdesk.adjust} takes. */
  public String functionArgument() {
    return functionArgument;
  }
}
