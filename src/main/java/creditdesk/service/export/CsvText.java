package creditdesk.service.export;

/** Text cells of exported CSV files. */
public final class CsvText {
  private CsvText() {}

  /**
   * Prefixes {@code '} to text that a spreadsheet would take for a formula: text starting with
   * {@code =}, {@code +}, {@code -}, {@code @}, tab, CR or LF. The SQL exports do the same in the
   * query (ExportSql); numbers never pass through here.
   */
  public static String neutralise(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return startsFormula(text) ? "'" + text : text;
  }

  public static boolean startsFormula(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    char c = text.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
  }
}
