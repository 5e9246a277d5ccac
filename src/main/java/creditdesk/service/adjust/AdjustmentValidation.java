package creditdesk.service.adjust;

import creditdesk.service.common.ValidationException;

/**
 * Rules of form for adjustment input, shared by the console's dialogs and the command line. Each
 * method returns the normalised value or throws a {@link ValidationException} whose message a
 * support agent understands.
 */
public final class AdjustmentValidation {
  public static final int REASON_MIN = 3;
  public static final int REASON_MAX = 500;
  public static final int TICKET_MAX = 100;
  public static final int KEY_MAX = 200;
  private static final int MAX_AMOUNT_DIGITS = 9;

  private AdjustmentValidation() {}

  /** Parses an amount typed by a person: ASCII digits only, no sign, 1 to the limit. */
  public static int amount(String text) {
    return amount(text, AdjustmentLimits.DEFAULT);
  }

  public static int amount(String text, AdjustmentLimits limits) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new ValidationException("Enter an amount.");
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        throw new ValidationException(limits.amountRule());
      }
    }
    String digits = t.replaceFirst("^0+(?=.)", "");
    if (digits.length() > MAX_AMOUNT_DIGITS) {
      throw new ValidationException(limits.amountRule());
    }
    int value = Integer.parseInt(digits);
    limits.checkAmountIfPresent(value);
    return value;
  }

  /** Trimmed reason of 3 to 500 characters without control or invisible characters. */
  public static String reason(String text) {
    String r = text == null ? "" : text.strip();
    checkCharacters(r, "reason", true);
    int length = r.codePointCount(0, r.length());
    if (length < REASON_MIN || length > REASON_MAX) {
      throw new ValidationException(
          "Give a reason of " + REASON_MIN + " to " + REASON_MAX + " characters (now " + length + ").");
    }
    return r;
  }

  /** Optional ticket reference, at most 100 characters; blank means none. */
  public static String ticket(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    checkCharacters(t, "ticket", false);
    if (t.codePointCount(0, t.length()) > TICKET_MAX) {
      throw new ValidationException("A ticket reference has at most " + TICKET_MAX + " characters.");
    }
    return t;
  }

  public static String idempotencyKey(String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException("An idempotency key is required.");
    }
    String k = text.strip();
    checkCharacters(k, "idempotency key", false);
    if (k.codePointCount(0, k.length()) > KEY_MAX) {
      throw new ValidationException("An idempotency key has at most " + KEY_MAX + " characters.");
    }
    return k;
  }

  /**
   * The character rules creditdesk.adjust applies too (migrations/V8, require_plain_text); the two
   * lists must stay identical. A reason may hold tabs and line breaks; tickets and keys may not.
   */
  private static void checkCharacters(String s, String what, boolean lineBreaks) {
    boolean control = false;
    boolean bidi = false;
    boolean invisible = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.getType(cp) == Character.SURROGATE) {
        throw new ValidationException("The " + what + " contains a broken character; retype it.");
      }
      control |= isControl(cp) && !(lineBreaks && (cp == '\t' || cp == '\n' || cp == '\r'));
      bidi |= isBidiControl(cp);
      invisible |= isInvisibleFormat(cp);
      i += Character.charCount(cp);
    }
    if (control) {
      throw new ValidationException("The " + what + " contains a control character; retype it.");
    }
    if (bidi) {
      throw new ValidationException(
          "The " + what + " contains an invisible text-direction character; retype it.");
    }
    if (invisible) {
      throw new ValidationException("The " + what
          + " contains an invisible formatting character (such as a zero-width space); retype it.");
    }
  }

  /** C0 and C1 controls and DEL. */
  static boolean isControl(int cp) {
    return cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F);
  }

  /** Unicode format characters (category Cf) other than the text-direction controls, and U+2028/9. */
  static boolean isInvisibleFormat(int cp) {
    for (int[] range : INVISIBLE) {
      if (cp >= range[0] && cp <= range[1]) {
        return true;
      }
    }
    return false;
  }

  private static final int[][] INVISIBLE = {
    {0x00AD, 0x00AD}, {0x0600, 0x0605}, {0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x0890, 0x0891},
    {0x08E2, 0x08E2}, {0x180E, 0x180E}, {0x200B, 0x200D}, {0x2028, 0x2029}, {0x2060, 0x2064},
    {0x206A, 0x206F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
    {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F}
  };

  static boolean isBidiControl(int cp) {
    return cp == 0x200E || cp == 0x200F || cp == 0x061C
        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }
}
