package creditdesk.cli;

import creditdesk.domain.FeatureType;
import creditdesk.service.adjust.AdjustmentRequest;
import java.util.UUID;
import picocli.CommandLine.Command;

/** {@code creditdesk correct}: an admin takes back what was granted by mistake. */
@Command(
    name = "correct",
    mixinStandardHelpOptions = true,
    header = "Takes back credits (or chat messages) granted by mistake.",
    description = {
      "Lowers the balance the feature moves by N and writes a 'deduct' ledger row, in one"
          + " transaction. Refused, with the current balance, if the balance would go negative."
    })
public final class CorrectCommand extends UserAdjustmentCommand {
  @Override
  protected AdjustmentRequest request(UUID userId, FeatureType feature, int amount, String key) {
    return AdjustmentRequest.correct(userId, feature, amount, reason, ticket, key);
  }
}
