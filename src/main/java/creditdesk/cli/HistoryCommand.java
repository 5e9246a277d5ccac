package creditdesk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.HistoryPage;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.service.search.UserResolver;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code creditdesk history}: one user's ledger, newest first, with the screen's filters. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    header = "Prints one user's ledger rows, newest first.",
    description = {
      "The rows the user screen shows, with its filters. A row is creditdesk's (source"
          + " creditdesk, with actor, reason, ticket and refund link) only when creditdesk.adjust"
          + " wrote it; anything else is the web app's, whatever its metadata claims.",
      "Any staff role may run it."
    })
public final class HistoryCommand extends CliCommand {
  static final int MAX_LIMIT = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--user", required = true, paramLabel = "EMAIL|ID", description = "The user.")
  String user;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "At most N rows (default 50, at most 100,000).")
  int limit;

  @Option(names = "--operation", paramLabel = "OP", converter = ExportCommand.OperationConverter.class,
      description = "Only deduct, grant or refund rows (or another label the database has).")
  OperationType operation;

  @Option(names = "--feature", paramLabel = "FEATURE", converter = ExportCommand.FeatureConverter.class,
      description = "Only rows of this feature (any label of the database's feature_type).")
  FeatureType feature;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = ExportCommand.DayConverter.class,
      description = "First day (UTC), included.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = ExportCommand.DayConverter.class,
      description = "Last day (UTC), included.")
  LocalDate to;

  @Option(names = "--source", paramLabel = "SOURCE", converter = ExportCommand.SourceConverter.class,
      description = "Only rows written by the webapp or by creditdesk.")
  LedgerSource source;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Override
  protected int run() {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("--limit is 1 to 100,000.");
    }
    new HistoryFilter(operation, feature, from, to, source); // invalid dates fail before connecting
    try (DatabaseAccess db = openDatabase();
        StaffSession session = db.login()) {
      HistoryFilter filter = new HistoryFilter(
          LabelOptions.check(operation, session.labels().operations(), "operation"),
          LabelOptions.check(feature, session.labels().features(), "feature"),
          from, to, source);
      UUID id = new UserResolver(session.sessionFactory()).resolve(user).id();
      HistoryService history = new HistoryService(session.sessionFactory());
      List<LedgerEntry> rows = new ArrayList<>();
      HistoryPage.Cursor after = null;
      do {
        HistoryPage page = history.page(id, filter, after, Math.min(1000, limit - rows.size()));
        rows.addAll(page.entries());
        after = page.next();
      } while (after != null && rows.size() < limit);
      print(out(), rows);
    }
    return ExitCodes.OK;
  }

  private void print(PrintWriter out, List<LedgerEntry> rows) {
    if (json) {
      Output.json(out, rows.stream().map(HistoryCommand::json).toList());
      return;
    }
    if (rows.isEmpty()) {
      out.println("No ledger rows.");
      out.flush();
      return;
    }
    List<List<String>> table = new ArrayList<>();
    for (LedgerEntry e : rows) {
      table.add(List.of(e.createdAt() + "Z", e.operation().dbValue(), e.feature().dbValue(),
          signed(e.signedAmount()), e.feature().balance().column(),
          e.source() == LedgerSource.CREDITDESK ? "creditdesk" : "webapp", orEmpty(e.actor()),
          orEmpty(e.reason()), orEmpty(e.ticket()), e.id().toString()));
    }
    Output.table(out, List.of("created_at", "operation", "feature", "amount", "balance", "source",
        "actor", "reason", "ticket", "id"), table);
  }

  private static Map<String, Object> json(LedgerEntry e) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", e.id());
    o.put("createdAt", e.createdAt() + "Z");
    o.put("operation", e.operation().dbValue());
    o.put("feature", e.feature().dbValue());
    o.put("balance", e.feature().balance().column());
    o.put("amount", e.amount());
    o.put("signedAmount", e.signedAmount());
    o.put("source", e.source() == LedgerSource.CREDITDESK ? "creditdesk" : "webapp");
    o.put("actor", e.actor());
    o.put("reason", e.reason());
    o.put("ticket", e.ticket());
    o.put("refundOf", e.refundOf());
    o.put("balanceAfter", e.balanceAfter());
    o.put("refunded", e.refunded());
    o.put("metadata", metadata(e.metadataJson()));
    return o;
  }

  /** The row's metadata as JSON (it is jsonb in the database), or null. */
  private static JsonNode metadata(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private static String signed(int n) {
    return n > 0 ? "+" + n : Integer.toString(n);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
