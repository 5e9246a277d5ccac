package creditdesk.service;

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

  /** Trimmed reason of 3 to 500 characters without control or text-direction characters. */
  public static String reason(String text) {
    String r = text == null ? "" : text.strip();
    checkCharacters(r, "reason");
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
    checkCharacters(t, "ticket");
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
    checkCharacters(k, "idempotency key");
    if (k.length() > KEY_MAX) {
      throw new ValidationException("An idempotency key has at most " + KEY_MAX + " characters.");
    }
    return k;
  }

  private static void checkCharacters(String s, String what) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isBidiControl(cp)) {
        throw new ValidationException(
            "The " + what + " contains an invisible text-direction character; retype it.");
      }
      if (Character.isISOControl(cp) && cp != '\n' && cp != '\t' && cp != '\r') {
        throw new ValidationException("The " + what + " contains a control character; retype it.");
      }
      if (Character.getType(cp) == Character.SURROGATE) {
        throw new ValidationException("The " + what + " contains a broken character; retype it.");
      }
      i += Character.charCount(cp);
    }
  }

  static boolean isBidiControl(int cp) {
    return cp == 0x200E || cp == 0x200F || cp == 0x061C
        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }
}
