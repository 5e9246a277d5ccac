package creditdesk.ui.user;

import creditdesk.service.AdjustmentService;
import creditdesk.service.BalanceInitialisationService;
import creditdesk.service.HistoryService;
import creditdesk.service.UserDetailService;
import java.util.Objects;

/** The services the user screen works with, built once per staff session by the composition root. */
public record UserServices(
    UserDetailService details,
    HistoryService history,
    AdjustmentService adjustments,
    BalanceInitialisationService initialisation) {
  public UserServices {
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(adjustments, "adjustments");
    Objects.requireNonNull(initialisation, "initialisation");
  }
}
