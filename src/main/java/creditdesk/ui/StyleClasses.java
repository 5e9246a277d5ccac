package creditdesk.ui;

/** Style classes of creditdesk.css that Java code sets; FXML uses the same names. */
public final class StyleClasses {
  /** On a scene root in the dark theme: creditdesk.css redefines its variables under it. */
  public static final String DARK = "dark";

  public static final String STATUS_BAR = "status-bar";
  public static final String EMPTY_STATE = "empty-state";
  public static final String DEMO_LOGIN = "demo-login";
  public static final String ERROR_TEXT = "error-text";
  /** A balance that was never set (NULL). */
  public static final String NOT_SET = "not-set";
  public static final String AMOUNT_IN = "amount-in";
  public static final String AMOUNT_OUT = "amount-out";
  public static final String MONOSPACE = "monospace";
  public static final String FIELD_ERROR = "field-error";

  private StyleClasses() {}
}
