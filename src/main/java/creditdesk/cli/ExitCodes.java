package creditdesk.cli;

/** Process exit codes of every creditdesk command (listed in {@link CreditdeskCommand}'s help too). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int OTHER = 1;
  public static final int INVALID_INPUT = 2;
  public static final int REFUSED_BY_RULE = 3;
  public static final int PERMISSION_DENIED = 4;
  public static final int DATABASE_UNAVAILABLE = 5;
  public static final int SCHEMA_MISMATCH = 6;

  private ExitCodes() {}
}
