package creditdesk.service.export;

/**
 * What the login's grants let it export, as the database answers (has_*_privilege), so that the
 * console offers an export only when its query would run.
 *
 * @param ledger SELECT on "CreditTransaction": the ledger, daily-usage and history exports
 * @param searchResults SELECT on the "User" columns a search cannot do without (id, email); it
 *     reads the others where they exist and the login may
 */
public record ExportPermissions(boolean ledger, boolean searchResults) {
  public static final ExportPermissions NONE = new ExportPermissions(false, false);

  public boolean allows(ExportReport report) {
    return report == ExportReport.SEARCH_RESULTS ? searchResults : ledger;
  }
}
