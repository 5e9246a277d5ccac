package creditdesk.cli;

import creditdesk.domain.FeatureType;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentValidation;
import creditdesk.service.connect.StaffSession;
import java.util.UUID;
import picocli.CommandLine.Option;

/** Grant and correct: a user, an amount and the feature whose balance moves. */
abstract class UserAdjustmentCommand extends AdjustmentCommand {
  @Option(names = "--user", required = true, paramLabel = "EMAIL|ID", description = "The user.")
  String user;

  @Option(names = "--amount", required = true, paramLabel = "N", description = "1 to 10,000.")
  String amount;

  @Option(names = "--feature", required = true, paramLabel = "FEATURE",
      description = "A label of the database's feature_type: document_generation,"
          + " workstream_clustering, chat_tool_call, chat_message or one the web app added.")
  String feature;

  /** The request for a resolved user and validated amount and feature. */
  protected abstract AdjustmentRequest request(UUID userId, FeatureType feature, int amount, String key);

  @Override
  protected void validate() {
    AdjustmentValidation.amount(amount);
    feature(feature);
  }

  @Override
  protected AdjustmentRequest request(StaffSession session, String key) {
    return request(resolveUser(session, user).id(), feature(session, feature),
        AdjustmentValidation.amount(amount), key);
  }
}
