package creditdesk.cli;

import creditdesk.domain.FeatureType;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentResult;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.adjust.AdjustmentValidation;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.UserResolver;
import creditdesk.service.search.UserSummary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What grant, refund and correct share: the reason, ticket and idempotency key, logging in as the
 * admin's own login, and printing the new ledger row with the balance before and after.
 */
abstract class AdjustmentCommand extends CliCommand {
  @Option(names = "--reason", required = true, paramLabel = "TEXT",
      description = "Why (3 to 500 characters); stored on the ledger row.")
  String reason;

  @Option(names = "--ticket", paramLabel = "T", description = "Support ticket reference (at most 100 characters).")
  String ticket;

  @Option(names = "--idempotency-key", paramLabel = "K",
      description = "Retrying with the same key applies the adjustment at most once."
          + " Default: a new key, printed so that a retry can reuse it.")
  String idempotencyKey;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /** The user the request named, when it named one (read before anything is sent). */
  private UserSummary resolved;

  /** Checks the command's own options before anything connects; throws ValidationException. */
  protected abstract void validate();

  /** The request, given the admin's session (to resolve users). */
  protected abstract AdjustmentRequest request(StaffSession session, String key);

  @Override
  protected final int run() {
    String key = idempotencyKey == null ? AdjustmentRequest.newKey() : idempotencyKey;
    AdjustmentValidation.reason(reason);
    AdjustmentValidation.ticket(ticket);
    AdjustmentValidation.idempotencyKey(key);
    validate();
    announceKey(key);
    try (DatabaseAccess db = openDatabase();
        StaffSession session = db.login()) {
      AdjustmentRequest request = request(session, key);
      AdjustmentResult result =
          send(key, () -> new AdjustmentService(session.dataSource()).apply(request));
      // The change is committed: from here on nothing may turn it into an error exit.
      String email = resolved != null && resolved.id().equals(result.userId()) ? resolved.email()
          : afterCommit(() -> resolveUser(session, result.userId().toString()).email(), null);
      try {
        print(out(), result, email);
      } catch (RuntimeException e) {
        out().println("Applied; ledger row " + result.ledgerId() + ", idempotency key " + key + ".");
        out().flush();
      }
    }
    return ExitCodes.OK;
  }

  UserSummary resolveUser(StaffSession session, String emailOrId) {
    resolved = new UserResolver(session.sessionFactory()).resolve(emailOrId);
    return resolved;
  }

  static FeatureType feature(String text) {
    return LabelOptions.parse(text, FeatureType::fromDb, "feature");
  }

  /** The feature as the database spells it: any label of its feature_type. */
  static FeatureType feature(StaffSession session, String text) {
    return LabelOptions.check(feature(text), session.labels().features(), "feature");
  }

  /**
   * The balance before: a NULL one was never set, and the web app (like the adjustment) counts it
   * as its default, "10 (not set — web app default)".
   */
  static String before(AdjustmentResult r) {
    if (r.balanceBefore() == null) {
      return "not set (the web app's default)";
    }
    return beforeUnset(r)
        ? r.balanceBefore() + " (not set — web app default)"
        : r.balanceBefore().toString();
  }

  /** Whether the balance was NULL before: creditdesk.adjust records it on its own row. */
  static boolean beforeUnset(AdjustmentResult r) {
    return r.beforeUnset()
        || r.balanceBefore() == null
        || (r.metadata() != null && Boolean.TRUE.equals(r.metadata().get("balanceBeforeUnset")));
  }

  /** @param email null when it could not be read back after the commit */
  private void print(PrintWriter out, AdjustmentResult r, String email) {
    Map<String, Object> m = r.metadata();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("applied", !r.replayed());
      o.put("replayed", r.replayed());
      o.put("ledgerId", r.ledgerId());
      o.put("userId", r.userId());
      o.put("email", email);
      o.put("operation", r.operation().dbValue());
      o.put("feature", r.feature().dbValue());
      o.put("balance", r.feature().balance().column());
      o.put("amount", r.amount());
      o.put("balanceBefore", r.balanceBefore());
      o.put("balanceBeforeUnset", beforeUnset(r));
      o.put("balanceAfter", r.balanceAfter());
      o.put("createdAt", r.createdAt().toString() + "Z");
      o.put("actor", m.get("actor"));
      o.put("reason", m.get("reason"));
      o.put("ticket", m.get("ticket"));
      o.put("refundOf", m.get("refundOf"));
      o.put("idempotencyKey", m.get("idempotencyKey"));
      Output.json(out, o);
      return;
    }
    String what = r.feature().balance().label();
    out.println(r.replayed()
        ? "Already applied with this idempotency key; nothing changed. The original row:"
        : "Applied " + r.operation().dbValue() + " of " + r.amount() + " " + what + ".");
    out.printf("  user             %s%n", email == null ? r.userId() : email + " (" + r.userId() + ")");
    out.printf("  ledger row       %s at %sZ%n", r.ledgerId(), r.createdAt());
    out.printf("  operation        %s %s, amount %d%n", r.operation().dbValue(), r.feature().dbValue(), r.amount());
    out.printf("  %-16s %s -> %d%n", what,
        before(r), r.balanceAfter());
    out.printf("  reason           %s%n", m.get("reason"));
    if (m.get("ticket") != null) {
      out.printf("  ticket           %s%n", m.get("ticket"));
    }
    if (m.get("refundOf") != null) {
      out.printf("  refund of        %s%n", m.get("refundOf"));
    }
    out.printf("  actor            %s%n", m.get("actor"));
    out.printf("  idempotency key  %s%n", m.get("idempotencyKey"));
    out.flush();
  }
}
