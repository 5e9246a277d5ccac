package creditdesk.cli;

import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentValidation;
import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.StaffSession;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code creditdesk refund}: an admin gives back all or part of one deduction. */
@Command(
    name = "refund",
    mixinStandardHelpOptions = true,
    header = "Gives back all or part of one deduction.",
    description = {
      "Writes a 'refund' ledger row of the deduction's feature with metadata.refundOf and raises"
          + " the balance, in one transaction. The total refunded never exceeds the deduction."
    })
public final class RefundCommand extends AdjustmentCommand {
  @Option(names = "--transaction", required = true, paramLabel = "ID",
      description = "The id of the 'deduct' ledger row to refund.")
  String transaction;

  @Option(names = "--amount", paramLabel = "N",
      description = "How much to give back (default: all that is left of the deduction).")
  String amount;

  @Override
  protected void validate() {
    transactionId();
    if (amount != null) {
      AdjustmentValidation.amount(amount);
    }
  }

  private UUID transactionId() {
    try {
      return UUID.fromString(transaction == null ? "" : transaction.strip());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("\"" + transaction + "\" is not a ledger row id.");
    }
  }

  @Override
  protected AdjustmentRequest request(StaffSession session, String key) {
    UUID id = transactionId();
    Integer n = amount == null ? null : AdjustmentValidation.amount(amount);
    return AdjustmentRequest.refund(id, n, reason, ticket, key);
  }
}
