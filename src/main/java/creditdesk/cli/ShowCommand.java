package creditdesk.cli;

import creditdesk.domain.Balance;
import creditdesk.domain.DbLabel;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.UserResolver;
import creditdesk.service.user.BalanceExplanation;
import creditdesk.service.user.UserDetail;
import creditdesk.service.user.UserDetailService;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code creditdesk show}: one user as the user screen shows them. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    header = "Shows one user: identity, level, status, plan and both balances.",
    description = {
      "Prints the user's identity, level and status, the plan as the web app computes it, and"
          + " each balance as stored and as the web app reads it (a balance never set counts as the web app's"
          + " default and is marked \"not set\"), beside what the ledger explains.",
      "Any staff role may run it."
    })
public final class ShowCommand extends CliCommand {
  @Option(names = "--user", required = true, paramLabel = "EMAIL|ID", description = "The user.")
  String user;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  protected int run() {
    try (DatabaseAccess db = openDatabase();
        StaffSession session = db.login()) {
      UserDetail d = new UserDetailService(session.sessionFactory())
          .load(new UserResolver(session.sessionFactory()).resolve(user).id());
      if (json) {
        Output.json(out(), json(d));
      } else {
        text(out(), d);
      }
    }
    return ExitCodes.OK;
  }

  private static Map<String, Object> json(UserDetail d) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", d.id());
    o.put("email", d.email());
    o.put("name", d.name());
    o.put("level", label(d.level()));
    o.put("status", label(d.status()));
    o.put("renewalPeriod", label(d.renewalPeriod()));
    o.put("lastPayment", d.lastPayment() == null ? null : d.lastPayment() + "Z");
    o.put("plan", d.plan().label());
    o.put("planDescription", d.plan().describe());
    o.put("unlimited", d.unlimited());
    o.put("demo", d.demo());
    o.put("emailVerified", d.emailVerified());
    o.put("provider", d.provider());
    o.put("createdAt", d.createdAt() == null ? null : d.createdAt() + "Z");
    o.put("credits", balance(d.credits()));
    o.put("chatMessages", balance(d.chatMessages()));
    o.put("missingColumns", d.missing().stream().sorted().toList());
    return o;
  }

  private static Map<String, Object> balance(BalanceExplanation b) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("column", b.balance().column());
    o.put("columnMissing", b.reading().missing());
    o.put("stored", b.actual());
    o.put("set", !b.unset());
    o.put("webAppShows", b.webApp());
    o.put("chargeable", b.reading().chargeable());
    o.put("ledgerImplies", b.implied());
    o.put("unexplained", b.unexplained());
    o.put("startingAllowance", b.startingAllowance());
    o.put("granted", b.grants());
    o.put("refunded", b.refunds());
    o.put("deducted", b.deductions());
    o.put("ledgerRows", b.rows());
    return o;
  }

  private static void text(PrintWriter out, UserDetail d) {
    out.printf("  user             %s (%s)%n", d.email(), d.id());
    if (d.name() != null) {
      out.printf("  name             %s%n", d.name());
    }
    out.printf("  level            %s%n", label(d.level()));
    out.printf("  status           %s%n", label(d.status()));
    out.printf("  plan             %s%s (renewal %s, last payment %s)%n", d.plan().describe(),
        d.unlimited() ? ", not charged" : "", label(d.renewalPeriod()),
        d.lastPayment() == null ? "none" : d.lastPayment() + "Z");
    for (BalanceExplanation b : new BalanceExplanation[] {d.credits(), d.chatMessages()}) {
      String name = b.balance() == Balance.CREDITS ? "credits" : "chat messages";
      if (b.reading().missing()) {
        out.printf("  %-16s %s%n", name, "no column in this database");
        continue;
      }
      out.printf("  %-16s %s%n", name, b.unset()
          ? "not set (the web app shows " + b.webApp() + " and cannot charge it)"
          : b.actual().toString());
      out.printf("  %-16s %s%n", "", b.summary());
    }
    if (!d.missing().isEmpty()) {
      out.printf("  not shown        %s (no such column)%n", String.join(", ", d.missing().stream().sorted().toList()));
    }
    out.flush();
  }

  private static String label(DbLabel label) {
    return label == null ? null : label.dbValue();
  }
}
