package creditdesk.cli;

import creditdesk.service.AdjustmentRequest;
import creditdesk.service.AdjustmentValidation;
import creditdesk.service.StaffSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code creditdesk correct}: an admin takes back what was granted by mistake. */
@Command(
    name = "correct",
    mixinStandardHelpOptions = true,
    header = "Takes back credits (or chat messages) granted by mistake.",
    description = {
      "Lowers the balance the feature moves by N and writes a 'deduct' ledger row, in one"
          + " transaction. Refused, with the current balance, if the balance would go negative."
    })
public final class CorrectCommand extends AdjustmentCommand {
  @Option(names = "--user", required = true, paramLabel = "EMAIL|ID", description = "The user.")
  String user;

  @Option(names = "--amount", required = true, paramLabel = "N", description = "1 to 10,000.")
  String amount;

  @Option(names = "--feature", required = true, paramLabel = "FEATURE",
      description = "document_generation, workstream_clustering, chat_tool_call or chat_message.")
  String feature;

  @Override
  protected void validate() {
    AdjustmentValidation.amount(amount);
    feature(feature);
  }

  @Override
  protected AdjustmentRequest request(StaffSession session, String key) {
    int n = AdjustmentValidation.amount(amount);
    return AdjustmentRequest.correct(
        resolveUser(session, user).id(), feature(feature), n, reason, ticket, key);
  }
}
