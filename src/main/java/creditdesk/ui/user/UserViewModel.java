package creditdesk.ui.user;

import creditdesk.domain.Balance;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.Plan;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentResult;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.user.BalanceExplanation;
import creditdesk.service.user.UserDetail;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Errors;
import creditdesk.ui.Formats;
import creditdesk.ui.TaskExecutor;
import creditdesk.ui.adjust.AdjustmentViewModel;
import creditdesk.ui.export.ExportActions;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One user: identity, the two balances beside what the ledger explains, the history, and for
 * admins the adjustments. What the login's role cannot do is not offered at all.
 */
public final class UserViewModel {
  private final UUID userId;
  private final StaffRole role;
  private final UserServices services;
  private final TaskExecutor tasks;
  private final ZoneId zone;
  private final Runnable back;
  private final ExportActions exports;
  private final HistoryViewModel history;
  private final BalanceCardModel credits = new BalanceCardModel(Balance.CREDITS);
  private final BalanceCardModel chatMessages = new BalanceCardModel(Balance.CHAT_MESSAGES);

  private final ReadOnlyObjectWrapper<UserDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
  private final ReadOnlyStringWrapper email = new ReadOnlyStringWrapper(this, "email", "");
  private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
  private final ReadOnlyStringWrapper level = new ReadOnlyStringWrapper(this, "level", "");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper created = new ReadOnlyStringWrapper(this, "created", "");
  private final ReadOnlyStringWrapper demo = new ReadOnlyStringWrapper(this, "demo", "");
  private final ReadOnlyStringWrapper id = new ReadOnlyStringWrapper(this, "id", "");
  private final ReadOnlyStringWrapper charging = new ReadOnlyStringWrapper(this, "charging", "");
  private final ReadOnlyBooleanWrapper notCharged = new ReadOnlyBooleanWrapper(this, "notCharged");
  private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper(this, "plan", "");
  private final ReadOnlyBooleanWrapper planShown = new ReadOnlyBooleanWrapper(this, "planShown");
  private final ReadOnlyBooleanWrapper levelShown = new ReadOnlyBooleanWrapper(this, "levelShown");
  private final ReadOnlyBooleanWrapper statusShown = new ReadOnlyBooleanWrapper(this, "statusShown");
  private final ReadOnlyStringWrapper chargeWarning =
      new ReadOnlyStringWrapper(this, "chargeWarning", "");
  private final ReadOnlyBooleanWrapper uncharged = new ReadOnlyBooleanWrapper(this, "uncharged");
  private final ReadOnlyBooleanWrapper canRefund = new ReadOnlyBooleanWrapper(this, "canRefund");
  private final ReadOnlyBooleanWrapper canInitialise =
      new ReadOnlyBooleanWrapper(this, "canInitialise");

  public UserViewModel(
      UUID userId,
      StaffRole role,
      UserServices services,
      TaskExecutor tasks,
      ZoneId zone,
      Runnable back) {
    this(userId, role, services, tasks, zone, back, ExportActions.none());
  }

  /** @param exports exports the history when the login's grants allow it */
  public UserViewModel(
      UUID userId,
      StaffRole role,
      UserServices services,
      TaskExecutor tasks,
      ZoneId zone,
      Runnable back,
      ExportActions exports) {
    this.userId = Objects.requireNonNull(userId);
    this.role = Objects.requireNonNull(role);
    this.services = Objects.requireNonNull(services);
    this.tasks = Objects.requireNonNull(tasks);
    this.zone = Objects.requireNonNull(zone);
    this.back = Objects.requireNonNull(back);
    this.exports = Objects.requireNonNull(exports);
    this.history =
        new HistoryViewModel(userId, services.history(), tasks, HistoryService.DEFAULT_PAGE_SIZE);
    id.set(userId.toString());
    canRefund.bind(
        Bindings.createBooleanBinding(
            () -> canAdjust() && detail.get() != null && refundable(history.getSelected()),
            history.selectedProperty(),
            detail));
  }

  /** Loads the user and the newest history page. */
  public void start() {
    refresh();
    history.reload();
  }

  /** Loads the user again (balances move under us: the web app deducts at any moment). */
  public void refresh() {
    tasks.execute(
        BackgroundTask.wrap(() -> services.details().load(userId))
            .onRunning(
                () -> {
                  loading.set(true);
                  error.set("");
                })
            .onSuccess(this::show)
            .onFailure(e -> error.set(Errors.explain(e)))
            .onFinished(() -> loading.set(false)));
  }

  private void show(UserDetail d) {
    detail.set(d);
    email.set(d.email());
    name.set(d.name() == null || d.name().isBlank() ? "(no name)" : d.name());
    level.set(Formats.level(d.level()));
    status.set(Formats.status(d.status()));
    created.set(Formats.localTime(d.createdAt(), zone));
    demo.set(d.missing().contains("is_demo") ? Formats.NO_COLUMN : d.demo() ? "Demo account" : "No");
    statusShown.set(d.status() != null);
    Plan p = d.plan();
    levelShown.set(d.level() != null);
    plan.set(p.known() ? p.describe() : "");
    // "Free" or "Demo" beside the level badge would only repeat it.
    planShown.set(p.known() && !plan.get().equalsIgnoreCase(level.get()));
    notCharged.set(p.unlimited());
    charging.set(
        p.unlimited()
            ? p.describe() + ": the web app does not charge this user; their balances do not limit"
                + " them."
            : "");
    chargeWarning.set(p.unlimited() ? "" : chargeWarning(d));
    uncharged.set(!chargeWarning.get().isEmpty());
    credits.show(d.credits());
    chatMessages.show(d.chatMessages());
    canInitialise.set(canAdjust() && (d.credits().unset() || d.chatMessages().unset()));
  }

  /**
   * Writes the web app's default into this user's never-set balances: the number the customer
   * sees stays the same, and the web app can charge it from now on.
   */
  public void initialise() {
    if (!canInitialise.get() || loading.get()) {
      return;
    }
    tasks.execute(
        BackgroundTask.wrap(() -> services.initialisation().initialise(userId, 1, t -> {}, () -> false))
            .onRunning(
                () -> {
                  canInitialise.set(false);
                  error.set("");
                })
            .onSuccess(
                r -> {
                  UserDetail d = detail.get();
                  List<String> set = new ArrayList<>(2);
                  if (r.set().freeCredits() > 0 && d != null) {
                    set.add(Formats.balanceName(Balance.CREDITS) + " "
                        + Formats.number(d.credits().reading().unsetDefault()));
                  }
                  if (r.set().freeChatMessages() > 0 && d != null) {
                    set.add(Formats.balanceName(Balance.CHAT_MESSAGES) + " "
                        + Formats.number(d.chatMessages().reading().unsetDefault()));
                  }
                  notice.set(set.isEmpty()
                      ? "Nothing to initialise: the balances were already set."
                      : "Balance initialised: " + String.join(", ", set)
                          + ". The web app can charge it now.");
                })
            .onFailure(e -> error.set(Errors.explain(e)))
            .onFinished(this::refresh));
  }

  /** The operations the history filter offers: the database's labels, new ones included. */
  public List<OperationType> operationChoices() {
    return services.labels().operations();
  }

  /** The features the history filter offers: the database's labels, new ones included. */
  public List<FeatureType> featureChoices() {
    return services.labels().features();
  }

  /**
   * "The web app shows 10 credits but cannot charge them until the balance is initialised.": its
   * deduction never matches a NULL balance. Said only for users the web app charges.
   */
  private static String chargeWarning(UserDetail d) {
    List<String> shown = new ArrayList<>(2);
    for (BalanceExplanation b : List.of(d.credits(), d.chatMessages())) {
      if (b.unset()) {
        shown.add(Formats.amountOf(b.reading().unsetDefault(), b.balance()));
      }
    }
    if (shown.isEmpty()) {
      return "";
    }
    return "The web app shows " + String.join(" and ", shown) + " but cannot charge them until the"
        + (shown.size() == 1 ? " balance is" : " balances are") + " initialised.";
  }

  /** Admins adjust balances; support and analysts only read. */
  public boolean canAdjust() {
    return role == StaffRole.ADMIN;
  }

  private static boolean refundable(LedgerEntry entry) {
    return entry != null && entry.refundable() > 0;
  }

  /** A grant dialog's model, or null when the role may not grant or the user is not loaded. */
  public AdjustmentViewModel grant() {
    return canAdjust() && detail.get() != null
        ? AdjustmentViewModel.grant(
            detail.get(), services.adjustments(), tasks, services.labels().features())
        : null;
  }

  public AdjustmentViewModel correct() {
    return canAdjust() && detail.get() != null
        ? AdjustmentViewModel.correct(
            detail.get(), services.adjustments(), tasks, services.labels().features())
        : null;
  }

  /** A refund of the selected deduction, or null when there is nothing to refund. */
  public AdjustmentViewModel refund() {
    return canRefund.get()
        ? AdjustmentViewModel.refund(detail.get(), history.getSelected(), services.adjustments(), tasks)
        : null;
  }

  /** After an adjustment: new balances, and the history with the new row highlighted. */
  public void adjusted(AdjustmentResult result) {
    Balance balance = result.feature().balance();
    if (result.replayed()) {
      notice.set("This adjustment had already been applied; nothing changed.");
    } else {
      notice.set(
          Formats.operation(result.operation())
              + " of "
              + Formats.amountOf(result.amount(), balance)
              + " applied: "
              + Formats.balanceName(balance)
              + " "
              + before(result, balance)
              + " → "
              + Formats.number(result.balanceAfter())
              + ".");
    }
    refresh();
    history.reload(result.ledgerId());
  }

  /** The balance before; a NULL one was the web app's default, marked as never set. */
  private String before(AdjustmentResult result, Balance balance) {
    Integer before = result.balanceBefore();
    UserDetail d = detail.get();
    if (before == null && d != null) {
      BalanceExplanation b = balance == Balance.CREDITS ? d.credits() : d.chatMessages();
      return Formats.number(b.reading().unsetDefault()) + " (not set)";
    }
    // creditdesk.adjust records on its own row that it started from the web app's default.
    boolean unset =
        result.metadata() != null && Boolean.TRUE.equals(result.metadata().get("balanceBeforeUnset"));
    return unset ? Formats.number(before) + " (not set)" : Formats.balance(before);
  }

  /** Exports this user's ledger rows with the history's filters as they are now. */
  public void exportHistory() {
    if (!exports.isHistory()) {
      return;
    }
    try {
      UserDetail d = detail.get();
      exports.exportHistory(userId, d == null ? null : d.email(), history.currentFilter());
    } catch (RuntimeException e) {
      error.set(Errors.explain(e));
    }
  }

  /** Whether "Export history…" is offered: the login's grants let it read the ledger. */
  public ReadOnlyBooleanProperty exportAllowedProperty() {
    return exports.historyProperty();
  }

  public boolean isExportAllowed() {
    return exports.isHistory();
  }

  public void dismissNotice() {
    notice.set("");
  }

  public void back() {
    back.run();
  }

  public ZoneId getZone() {
    return zone;
  }

  public UUID getUserId() {
    return userId;
  }

  public HistoryViewModel getHistory() {
    return history;
  }

  public BalanceCardModel getCredits() {
    return credits;
  }

  public BalanceCardModel getChatMessages() {
    return chatMessages;
  }

  public ReadOnlyObjectProperty<UserDetail> detailProperty() {
    return detail.getReadOnlyProperty();
  }

  public UserDetail getDetail() {
    return detail.get();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public boolean isLoading() {
    return loading.get();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public String getError() {
    return error.get();
  }

  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  public String getNotice() {
    return notice.get();
  }

  public ReadOnlyStringProperty emailProperty() {
    return email.getReadOnlyProperty();
  }

  public String getEmail() {
    return email.get();
  }

  public ReadOnlyStringProperty nameProperty() {
    return name.getReadOnlyProperty();
  }

  public String getName() {
    return name.get();
  }

  public ReadOnlyStringProperty levelProperty() {
    return level.getReadOnlyProperty();
  }

  public String getLevel() {
    return level.get();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public String getStatus() {
    return status.get();
  }

  public ReadOnlyStringProperty createdProperty() {
    return created.getReadOnlyProperty();
  }

  public String getCreated() {
    return created.get();
  }

  public ReadOnlyStringProperty demoProperty() {
    return demo.getReadOnlyProperty();
  }

  public String getDemo() {
    return demo.get();
  }

  public ReadOnlyStringProperty idProperty() {
    return id.getReadOnlyProperty();
  }

  public String getId() {
    return id.get();
  }

  public ReadOnlyStringProperty chargingProperty() {
    return charging.getReadOnlyProperty();
  }

  public String getCharging() {
    return charging.get();
  }

  public ReadOnlyBooleanProperty notChargedProperty() {
    return notCharged.getReadOnlyProperty();
  }

  public boolean isNotCharged() {
    return notCharged.get();
  }

  /** The plan as the web app computes it ("Yearly until 2027-03-01, 92 days left"), or "". */
  public ReadOnlyStringProperty planProperty() {
    return plan.getReadOnlyProperty();
  }

  public String getPlan() {
    return plan.get();
  }

  /**
   * False when the database lacks a column the plan needs (no plan badge then), or when the plan
   * only repeats the level.
   */
  public ReadOnlyBooleanProperty planShownProperty() {
    return planShown.getReadOnlyProperty();
  }

  public boolean isPlanShown() {
    return planShown.get();
  }

  public ReadOnlyBooleanProperty levelShownProperty() {
    return levelShown.getReadOnlyProperty();
  }

  public boolean isLevelShown() {
    return levelShown.get();
  }

  /** False when the database has no status column. */
  public ReadOnlyBooleanProperty statusShownProperty() {
    return statusShown.getReadOnlyProperty();
  }

  public boolean isStatusShown() {
    return statusShown.get();
  }

  /** Why the web app refuses to charge this user (a never-set balance), or "". */
  /** Admins may initialise a balance that was never set. */
  public ReadOnlyBooleanProperty canInitialiseProperty() {
    return canInitialise.getReadOnlyProperty();
  }

  public boolean isCanInitialise() {
    return canInitialise.get();
  }

  public ReadOnlyStringProperty chargeWarningProperty() {
    return chargeWarning.getReadOnlyProperty();
  }

  public String getChargeWarning() {
    return chargeWarning.get();
  }

  public ReadOnlyBooleanProperty unchargedProperty() {
    return uncharged.getReadOnlyProperty();
  }

  public boolean isUncharged() {
    return uncharged.get();
  }

  public ReadOnlyBooleanProperty canRefundProperty() {
    return canRefund.getReadOnlyProperty();
  }

  public boolean isCanRefund() {
    return canRefund.get();
  }
}
