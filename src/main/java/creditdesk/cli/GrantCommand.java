package creditdesk.cli;

import creditdesk.domain.FeatureType;
import creditdesk.service.adjust.AdjustmentRequest;
import java.util.UUID;
import picocli.CommandLine.Command;

/** {@code creditdesk grant}: an admin adds free credits or chat messages. */
@Command(
    name = "grant",
    mixinStandardHelpOptions = true,
    header = "Adds free credits (or chat messages) to a user.",
    description = {
      "Adds N to the balance the feature moves (chat_message: free_chat_messages; others:"
          + " free_credits) and writes a 'grant' ledger row, in one transaction, as your login."
    })
public final class GrantCommand extends UserAdjustmentCommand {
  @Override
  protected AdjustmentRequest request(UUID userId, FeatureType feature, int amount, String key) {
    return AdjustmentRequest.grant(userId, feature, amount, reason, ticket, key);
  }
}
