package creditdesk.cli;

import creditdesk.service.AdjustmentRequest;
import creditdesk.service.AdjustmentValidation;
import creditdesk.service.StaffSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code creditdesk grant}: an admin adds free credits or chat messages. */
@Command(
    name = "grant",
    mixinStandardHelpOptions = true,
    header = "Adds free credits (or chat messages) to a user.",
    description = {
      "Adds N to the balance the feature moves (chat_message: free_chat_messages; others:"
          + " free_credits) and writes a 'grant' ledger row, in one transaction, as your login."
    })
public final class GrantCommand extends AdjustmentCommand {
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
    return AdjustmentRequest.grant(
        resolveUser(session, user).id(), feature(feature), n, reason, ticket, key);
  }
}
