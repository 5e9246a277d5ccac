package creditdesk.ui.adjust;

import creditdesk.domain.Balance;
import creditdesk.domain.BalanceReading;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.adjust.AdjustmentKind;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentResult;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.adjust.AdjustmentValidation;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.ValidationException;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.user.BalanceExplanation;
import creditdesk.service.user.UserDetail;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Errors;
import creditdesk.ui.Formats;
import creditdesk.ui.TaskExecutor;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One grant, refund or correction dialog: the input, its inline validation, a preview of the
 * balance it moves, and the call itself on a background task. The dialog has one idempotency key
 * for its whole life, so pressing OK twice or again after a lost connection applies it once.
 */
public final class AdjustmentViewModel {
  private final AdjustmentKind kind;
  private final UserDetail user;
  private final LedgerEntry deduction;
  private final AdjustmentService service;
  private final TaskExecutor tasks;
  private final String idempotencyKey = AdjustmentRequest.newKey();

  private final ObservableList<FeatureType> features;
  private final ObjectProperty<FeatureType> feature = new SimpleObjectProperty<>(this, "feature");
  private final StringProperty amount = new SimpleStringProperty(this, "amount", "");
  private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
  private final StringProperty ticket = new SimpleStringProperty(this, "ticket", "");
  private final ReadOnlyStringWrapper featureHint = new ReadOnlyStringWrapper(this, "featureHint", "");
  private final ReadOnlyStringWrapper amountError = new ReadOnlyStringWrapper(this, "amountError", "");
  private final ReadOnlyStringWrapper reasonError = new ReadOnlyStringWrapper(this, "reasonError", "");
  private final ReadOnlyStringWrapper ticketError = new ReadOnlyStringWrapper(this, "ticketError", "");
  private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
  private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
  private final ReadOnlyBooleanWrapper warned = new ReadOnlyBooleanWrapper(this, "warned");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply");
  private final ReadOnlyObjectWrapper<AdjustmentResult> result =
      new ReadOnlyObjectWrapper<>(this, "result");

  private boolean amountTouched;
  private boolean reasonTouched;
  private boolean ticketTouched;

  private AdjustmentViewModel(
      AdjustmentKind kind,
      UserDetail user,
      LedgerEntry deduction,
      AdjustmentService service,
      TaskExecutor tasks,
      List<FeatureType> offered) {
    this.kind = Objects.requireNonNull(kind);
    this.user = Objects.requireNonNull(user);
    this.deduction = deduction;
    this.service = Objects.requireNonNull(service);
    this.tasks = Objects.requireNonNull(tasks);
    if (kind == AdjustmentKind.REFUND) {
      Objects.requireNonNull(deduction, "deduction");
      if (deduction.operation() != OperationType.DEDUCT || deduction.refundable() <= 0) {
        throw new IllegalArgumentException("Nothing is left to refund of " + deduction.id());
      }
      features = FXCollections.observableArrayList(List.of(deduction.feature()));
      feature.set(deduction.feature());
      amount.set(Integer.toString(deduction.refundable()));
    } else {
      features = FXCollections.observableArrayList(offered.isEmpty() ? FeatureType.known() : offered);
      feature.set(features.contains(FeatureType.DOCUMENT_GENERATION)
          ? FeatureType.DOCUMENT_GENERATION : features.get(0));
    }

    feature.addListener((obs, old, now) -> validate());
    amount.addListener(
        (obs, old, now) -> {
          amountTouched = true;
          validate();
        });
    reason.addListener(
        (obs, old, now) -> {
          reasonTouched = true;
          validate();
        });
    ticket.addListener(
        (obs, old, now) -> {
          ticketTouched = true;
          validate();
        });
    warning.set(unlimitedWarning());
    warned.set(!warning.get().isEmpty());
    busy.addListener((obs, old, now) -> updateCanApply());
    result.addListener((obs, old, now) -> updateCanApply());
    validate();
  }

  public static AdjustmentViewModel grant(
      UserDetail user, AdjustmentService service, TaskExecutor tasks) {
    return grant(user, service, tasks, FeatureType.known());
  }

  /** A grant of one of {@code features}: the database's labels, new ones included. */
  public static AdjustmentViewModel grant(
      UserDetail user, AdjustmentService service, TaskExecutor tasks, List<FeatureType> features) {
    return new AdjustmentViewModel(AdjustmentKind.GRANT, user, null, service, tasks, features);
  }

  public static AdjustmentViewModel correct(
      UserDetail user, AdjustmentService service, TaskExecutor tasks) {
    return correct(user, service, tasks, FeatureType.known());
  }

  public static AdjustmentViewModel correct(
      UserDetail user, AdjustmentService service, TaskExecutor tasks, List<FeatureType> features) {
    return new AdjustmentViewModel(AdjustmentKind.CORRECT, user, null, service, tasks, features);
  }

  /** A refund of {@code deduction}, which must have something left to refund. */
  public static AdjustmentViewModel refund(
      UserDetail user, LedgerEntry deduction, AdjustmentService service, TaskExecutor tasks) {
    return new AdjustmentViewModel(
        AdjustmentKind.REFUND, user, deduction, service, tasks, List.of());
  }

  /** Applies the adjustment in the background; a failure stays in the dialog as one sentence. */
  public void apply() {
    if (!canApply.get()) {
      return;
    }
    AdjustmentRequest request;
    try {
      request = request();
    } catch (ValidationException e) {
      error.set(e.getMessage());
      return;
    }
    tasks.execute(
        BackgroundTask.wrap(() -> service.apply(request))
            .onRunning(
                () -> {
                  error.set("");
                  busy.set(true);
                })
            .onSuccess(result::set)
            .onFailure(e -> error.set(failure(e)))
            .onFinished(() -> busy.set(false)));
  }

  /** A lost connection may have lost the answer, not the change: say that a retry is safe. */
  private static String failure(Throwable e) {
    String sentence = Errors.explain(e);
    return DatabaseErrors.unavailable(e) == null ? sentence
        : sentence + " The change may have been applied; Apply again retries safely with the"
            + " same idempotency key.";
  }

  private AdjustmentRequest request() {
    int n = AdjustmentValidation.amount(amount.get());
    String why = reason.get();
    String ref = ticket.get();
    return switch (kind) {
      case GRANT -> AdjustmentRequest.grant(user.id(), feature.get(), n, why, ref, idempotencyKey);
      case CORRECT -> AdjustmentRequest.correct(user.id(), feature.get(), n, why, ref, idempotencyKey);
      case REFUND -> AdjustmentRequest.refund(deduction.id(), n, why, ref, idempotencyKey);
    };
  }

  private void validate() {
    Balance balance = feature.get() == null ? null : feature.get().balance();
    featureHint.set(balance == null ? "" : "Moves " + Formats.balanceName(balance) + ".");

    Integer n = null;
    String amountProblem = "";
    try {
      n = AdjustmentValidation.amount(amount.get());
      amountProblem = limit(n, balance);
    } catch (ValidationException e) {
      amountProblem = e.getMessage();
    }
    String reasonProblem = problem(() -> AdjustmentValidation.reason(reason.get()));
    String ticketProblem = problem(() -> AdjustmentValidation.ticket(ticket.get()));
    String featureProblem = balance == null ? "Choose a feature." : "";

    amountError.set(amountTouched ? amountProblem : "");
    reasonError.set(reasonTouched ? reasonProblem : "");
    ticketError.set(ticketTouched ? ticketProblem : "");
    valid.set(
        amountProblem.isEmpty()
            && reasonProblem.isEmpty()
            && ticketProblem.isEmpty()
            && featureProblem.isEmpty());
    preview.set(n != null && amountProblem.isEmpty() && balance != null ? preview(balance, n) : "");
    // Edited input is a new attempt; the last one's error no longer describes it.
    error.set("");
    updateCanApply();
  }

  /** What the database would also refuse, said before it has to: too much refunded or taken back. */
  private String limit(int n, Balance balance) {
    if (kind == AdjustmentKind.REFUND && n > deduction.refundable()) {
      return "At most "
          + Formats.amountOf(deduction.refundable(), deduction.feature().balance())
          + " can be refunded of this deduction.";
    }
    if (kind == AdjustmentKind.CORRECT && balance != null) {
      Integer now = current(balance).webApp();
      int have = now == null ? 0 : now;
      if (n > have) {
        return "The balance is only "
            + Formats.amountOf(have, balance)
            + "; a correction cannot take more.";
      }
    }
    return "";
  }

  /** "free credits 7 → 9"; a NULL balance starts from the web app's default: "10 (not set) → 12". */
  private String preview(Balance balance, int n) {
    BalanceReading now = current(balance);
    Integer from = now.webApp();
    long after = (from == null ? 0 : from) + (kind == AdjustmentKind.CORRECT ? -n : n);
    return Formats.balanceName(balance) + " " + Formats.webAppBalanceShort(now) + " → "
        + Formats.number(after);
  }

  private BalanceReading current(Balance balance) {
    BalanceExplanation b = balance == Balance.CREDITS ? user.credits() : user.chatMessages();
    return b.reading();
  }

  /**
   * A grant or refund to a user on an active unlimited plan changes nothing the user sees (the web
   * app does not charge them); every other user spends from the balance, so no warning.
   */
  private String unlimitedWarning() {
    if (kind == AdjustmentKind.CORRECT || !user.plan().unlimited()) {
      return "";
    }
    String what = kind == AdjustmentKind.GRANT ? "grant" : "refund";
    return "This user is on an unlimited plan (" + user.plan().unlimitedReason()
        + "); the web app does not charge them, so this " + what + " changes nothing they see.";
  }

  private void updateCanApply() {
    canApply.set(valid.get() && !busy.get() && result.get() == null);
  }

  private static String problem(Runnable check) {
    try {
      check.run();
      return "";
    } catch (ValidationException e) {
      return e.getMessage();
    }
  }

  /** The window title. */
  public String getTitle() {
    return switch (kind) {
      case GRANT -> "Grant";
      case REFUND -> "Refund a deduction";
      case CORRECT -> "Correct a balance";
    };
  }

  /** The heading inside the dialog. */
  public String getHeading() {
    return switch (kind) {
      case GRANT -> "Grant to " + user.email();
      case REFUND -> "Refund to " + user.email();
      case CORRECT -> "Correct " + user.email();
    };
  }

  /** What this kind of adjustment does, in a sentence or two. */
  public String describe(ZoneId zone) {
    return switch (kind) {
      case GRANT ->
          "Adds to a balance. Chat message grants move free chat messages; every other feature"
              + " moves free credits.";
      case REFUND ->
          "Gives back what a "
              + Formats.feature(deduction.feature()).toLowerCase(java.util.Locale.ROOT)
              + " deduction took: "
              + Formats.amountOf(deduction.amount(), deduction.feature().balance())
              + " on "
              + Formats.localTime(deduction.createdAt(), zone)
              + ", of which "
              + Formats.amountOf(deduction.refundable(), deduction.feature().balance())
              + " can still be refunded.";
      case CORRECT ->
          "Takes back what was granted by mistake with a compensating deduction; the ledger row"
              + " itself is never edited.";
    };
  }

  /** The OK button's text. */
  public String getApplyLabel() {
    return switch (kind) {
      case GRANT -> "Grant";
      case REFUND -> "Refund";
      case CORRECT -> "Correct";
    };
  }

  public AdjustmentKind getKind() {
    return kind;
  }

  public UserDetail getUser() {
    return user;
  }

  public LedgerEntry getDeduction() {
    return deduction;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public boolean isFeatureEditable() {
    return kind != AdjustmentKind.REFUND;
  }

  public ObservableList<FeatureType> getFeatures() {
    return features;
  }

  public ObjectProperty<FeatureType> featureProperty() {
    return feature;
  }

  public StringProperty amountProperty() {
    return amount;
  }

  public StringProperty reasonProperty() {
    return reason;
  }

  public StringProperty ticketProperty() {
    return ticket;
  }

  public ReadOnlyStringProperty featureHintProperty() {
    return featureHint.getReadOnlyProperty();
  }

  public String getFeatureHint() {
    return featureHint.get();
  }

  public ReadOnlyStringProperty amountErrorProperty() {
    return amountError.getReadOnlyProperty();
  }

  public String getAmountError() {
    return amountError.get();
  }

  public ReadOnlyStringProperty reasonErrorProperty() {
    return reasonError.getReadOnlyProperty();
  }

  public String getReasonError() {
    return reasonError.get();
  }

  public ReadOnlyStringProperty ticketErrorProperty() {
    return ticketError.getReadOnlyProperty();
  }

  public String getTicketError() {
    return ticketError.get();
  }

  public ReadOnlyStringProperty previewProperty() {
    return preview.getReadOnlyProperty();
  }

  public String getPreview() {
    return preview.get();
  }

  /** Why this adjustment would have no effect for the user, or "". */
  public ReadOnlyStringProperty warningProperty() {
    return warning.getReadOnlyProperty();
  }

  public String getWarning() {
    return warning.get();
  }

  public ReadOnlyBooleanProperty warnedProperty() {
    return warned.getReadOnlyProperty();
  }

  public boolean isWarned() {
    return warned.get();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public String getError() {
    return error.get();
  }

  public ReadOnlyBooleanProperty validProperty() {
    return valid.getReadOnlyProperty();
  }

  public boolean isValid() {
    return valid.get();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public boolean isBusy() {
    return busy.get();
  }

  public ReadOnlyBooleanProperty canApplyProperty() {
    return canApply.getReadOnlyProperty();
  }

  public boolean isCanApply() {
    return canApply.get();
  }

  public ReadOnlyObjectProperty<AdjustmentResult> resultProperty() {
    return result.getReadOnlyProperty();
  }

  public AdjustmentResult getResult() {
    return result.get();
  }
}
