package creditdesk.ui.export;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.export.ExportReport;
import creditdesk.service.ledger.LedgerSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;

/** The export screen's controller: binds the form to {@link ExportViewModel} and delegates. */
public final class ExportView {
  /** One entry of a choice box: a label, and the value it stands for (null for "any"). */
  record Choice<T>(String label, T value) {
    @Override
    public String toString() {
      return label;
    }
  }

  private final ExportViewModel viewModel;
  private final TargetPicker picker;

  @FXML private ComboBox<Choice<ExportReport>> report;
  @FXML private DatePicker from;
  @FXML private DatePicker to;
  @FXML private ComboBox<Choice<OperationType>> operation;
  @FXML private ComboBox<Choice<FeatureType>> feature;
  @FXML private ComboBox<Choice<LedgerSource>> source;
  @FXML private TextField user;
  @FXML private CheckBox includeEmail;
  @FXML private CheckBox byteOrderMark;
  @FXML private TextField file;

  public ExportView(ExportViewModel viewModel, TargetPicker picker) {
    this.viewModel = Objects.requireNonNull(viewModel);
    this.picker = Objects.requireNonNull(picker);
  }

  private List<Choice<OperationType>> operations() {
    List<Choice<OperationType>> operations = new ArrayList<>();
    for (OperationType o : viewModel.operationChoices()) {
      String label = o.equals(OperationType.DEDUCT) ? "Deductions"
          : o.equals(OperationType.GRANT) ? "Grants"
          : o.equals(OperationType.REFUND) ? "Refunds"
          : o.dbValue();
      operations.add(new Choice<>(label, o));
    }
    return operations;
  }

  /** For the FXML's expression bindings. */
  public ExportViewModel getViewModel() {
    return viewModel;
  }

  @FXML
  private void initialize() {
    choices(report, viewModel.reportProperty(), null,
        List.of(new Choice<>("Ledger rows", ExportReport.LEDGER),
            new Choice<>("Daily usage per feature", ExportReport.DAILY_USAGE)));
    choices(operation, viewModel.operationProperty(), "Any operation",
        operations());
    List<Choice<FeatureType>> features = new ArrayList<>();
    for (FeatureType f : viewModel.featureChoices()) {
      features.add(new Choice<>(f.dbValue(), f));
    }
    choices(feature, viewModel.featureProperty(), "Any feature", features);
    choices(source, viewModel.sourceProperty(), "The web app or creditdesk",
        List.of(new Choice<>("The web app", LedgerSource.WEBAPP),
            new Choice<>("creditdesk adjustments", LedgerSource.CREDITDESK)));
    from.valueProperty().bindBidirectional(viewModel.fromProperty());
    to.valueProperty().bindBidirectional(viewModel.toProperty());
    // A typed date counts without pressing Enter.
    commitTypedDate(from);
    commitTypedDate(to);
    user.textProperty().bindBidirectional(viewModel.userProperty());
    includeEmail.selectedProperty().bindBidirectional(viewModel.includeEmailProperty());
    byteOrderMark.selectedProperty().bindBidirectional(viewModel.byteOrderMarkProperty());
    file.textProperty().bindBidirectional(viewModel.fileProperty());
    if (viewModel.isLocked()) {
      // One user's history; search results hold the emails already, so they get no such option.
      includeEmail.setText("Include the user's email in each row (personal data)");
      includeEmail.setVisible(viewModel.isEmailPossible());
      includeEmail.setManaged(viewModel.isEmailPossible());
    }
  }

  private static <T> void choices(
      ComboBox<Choice<T>> box, ObjectProperty<T> property, String anyLabel, List<Choice<T>> values) {
    List<Choice<T>> all = new ArrayList<>();
    if (anyLabel != null) {
      all.add(new Choice<>(anyLabel, null));
    }
    all.addAll(values);
    box.getItems().setAll(all);
    box.getSelectionModel().select(
        all.stream().filter(c -> Objects.equals(c.value(), property.get())).findFirst().orElse(all.get(0)));
    box.valueProperty().addListener((o, was, now) -> property.set(now == null ? null : now.value()));
  }

  private static void commitTypedDate(DatePicker picker) {
    picker.getEditor().textProperty().addListener((o, was, now) -> {
      try {
        picker.setValue(picker.getConverter().fromString(now));
      } catch (RuntimeException notYetADate) {
        // keep the last valid day until the text is one
      }
    });
  }

  @FXML
  private void chooseFile() {
    picker.pick(file.getScene().getWindow(), viewModel.suggestedFileName())
        .ifPresent(chosen -> viewModel.fileProperty().set(chosen.toString()));
  }

  @FXML
  private void export() {
    viewModel.export();
  }

  @FXML
  private void cancel() {
    viewModel.cancel();
  }

  @FXML
  private void openFolder() {
    viewModel.openFolder();
  }
}
