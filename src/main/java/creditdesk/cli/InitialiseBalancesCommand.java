package creditdesk.cli;

import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.UserResolver;
import creditdesk.service.search.UserSummary;
import creditdesk.service.user.BalanceInitialisationService.Counts;
import creditdesk.service.user.BalanceInitialisationService;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code creditdesk initialise-balances}: an admin gives legacy users the balance they are shown. */
@Command(
    name = "initialise-balances",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Writes the web app's default into balances that are not set (legacy users).",
    description = {
      "A balance that is not set (NULL) is shown by the web app as its default (10 credits,"
          + " 20 chat messages) but can never be charged. This sets such balances to that"
          + " default, so the user keeps what they see and can spend it. It counts first, then"
          + " sets them in short batches (a web-app request never waits for more than one"
          + " batch); running it again sets nothing. No ledger row is written (the balance the"
          + " web app shows does not change); each change is in the balance audit under your"
          + " login."
    })
public final class InitialiseBalancesCommand extends CliCommand {
  @Option(names = "--user", paramLabel = "EMAIL|ID",
      description = "Only this user (default: every user with a balance not set).")
  String user;

  @Option(names = "--dry-run", description = "Only count; change nothing.")
  boolean dryRun;

  @Option(names = "--batch", paramLabel = "N",
      description = "Users per transaction, 1 to 10,000 (default: 1,000).")
  int batch = BalanceInitialisationService.DEFAULT_BATCH;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  protected int run() {
    if (batch < 1 || batch > BalanceInitialisationService.MAX_BATCH) {
      throw new ValidationException(
          "The batch size must be from 1 to " + BalanceInitialisationService.MAX_BATCH + ".");
    }
    try (DatabaseAccess db = openDatabase();
        StaffSession session = db.login()) {
      UserSummary one = user == null ? null : new UserResolver(session.sessionFactory()).resolve(user);
      UUID id = one == null ? null : one.id();
      BalanceInitialisationService service = new BalanceInitialisationService(session.dataSource());
      Counts found = service.dryRun(id);
      PrintWriter out = out();
      if (!json) {
        out.println(describe(found, one));
        out.flush();
      }
      if (dryRun || found.users() == 0) {
        if (json) {
          print(out, one, found, null);
        } else if (dryRun) {
          out.println("Dry run: nothing was changed.");
        }
        out.flush();
        return ExitCodes.OK;
      }
      PrintWriter err = context().err();
      BalanceInitialisationService.Result result = sendRepeatable(() -> service.initialise(id, batch,
          total -> {
            if (total.users() < found.users()) {
              err.println("creditdesk: " + total.users() + " of about " + found.users() + " users set");
              err.flush();
            }
          }, () -> false));
      if (json) {
        print(out, one, found, result);
      } else {
        out.println("Set " + result.set().freeCredits() + " free_credits and "
            + result.set().freeChatMessages() + " free_chat_messages balances to the web app's"
            + " default, for " + result.set().users() + " users.");
      }
      out.flush();
      if (result.busyLeft()) {
        context().warn("some balances were locked by other sessions and are still not set;"
            + " run the command again.");
      }
    }
    return ExitCodes.OK;
  }

  private static String describe(Counts c, UserSummary one) {
    if (one != null) {
      return c.users() == 0
          ? one.email() + " (" + one.id() + ") has both balances set; nothing to do."
          : one.email() + " (" + one.id() + ") has balances not set: "
              + (c.freeCredits() > 0 ? "free_credits" : "")
              + (c.freeCredits() > 0 && c.freeChatMessages() > 0 ? " and " : "")
              + (c.freeChatMessages() > 0 ? "free_chat_messages" : "") + ".";
    }
    return c.users() + " users have a balance not set (free_credits: " + c.freeCredits()
        + ", free_chat_messages: " + c.freeChatMessages() + ").";
  }

  private void print(PrintWriter out, UserSummary one, Counts found,
      BalanceInitialisationService.Result result) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("dryRun", dryRun);
    o.put("userId", one == null ? null : one.id());
    o.put("found", counts(found));
    o.put("set", result == null ? counts(Counts.NONE) : counts(result.set()));
    o.put("busyLeft", result != null && result.busyLeft());
    Output.json(out, o);
  }

  private static Map<String, Object> counts(Counts c) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("users", c.users());
    o.put("freeCredits", c.freeCredits());
    o.put("freeChatMessages", c.freeChatMessages());
    return o;
  }
}
