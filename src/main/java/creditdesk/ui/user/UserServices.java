package creditdesk.ui.user;

import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.schema.DatabaseLabels;
import creditdesk.service.user.BalanceInitialisationService;
import creditdesk.service.user.UserDetailService;
import java.util.Objects;

/** The services the user screen works with, built once per staff session by the composition root. */
public record UserServices(
    UserDetailService details,
    HistoryService history,
    AdjustmentService adjustments,
    BalanceInitialisationService initialisation,
    DatabaseLabels labels) {
  public UserServices {
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(adjustments, "adjustments");
    Objects.requireNonNull(initialisation, "initialisation");
    Objects.requireNonNull(labels, "labels");
  }

  /** With the labels this build knows (tests). */
  public UserServices(
      UserDetailService details,
      HistoryService history,
      AdjustmentService adjustments,
      BalanceInitialisationService initialisation) {
    this(details, history, adjustments, initialisation, DatabaseLabels.KNOWN);
  }
}
