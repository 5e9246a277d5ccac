package creditdesk.ui.adjust;

import atlantafx.base.theme.Styles;
import creditdesk.domain.FeatureType;
import creditdesk.service.adjust.AdjustmentResult;
import creditdesk.ui.Formats;
import creditdesk.ui.ThemeManager;
import creditdesk.ui.Views;
import java.time.ZoneId;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * A grant, refund or correction dialog over {@link AdjustmentViewModel}. OK stays disabled while
 * the input is invalid; pressing it applies on a background task, and the dialog stays open with
 * the database's one-sentence answer if that fails.
 */
public final class AdjustmentDialog extends Dialog<AdjustmentResult> {
  static final String VIEW = "/fxml/adjust/AdjustmentDialog.fxml";

  private final AdjustmentViewModel viewModel;
  private final ZoneId zone;

  @FXML private Label heading;
  @FXML private Label description;
  @FXML private Label featureLabel;
  @FXML private Label amountLabel;
  @FXML private Label reasonLabel;
  @FXML private Label ticketLabel;
  @FXML private ComboBox<FeatureType> feature;
  @FXML private TextField amount;
  @FXML private TextArea reason;
  @FXML private TextField ticket;
  @FXML private Label preview;
  @FXML private HBox errorBox;
  @FXML private Label amountError;
  @FXML private Label reasonError;
  @FXML private Label ticketError;

  public AdjustmentDialog(AdjustmentViewModel viewModel, Window owner, ThemeManager themes, ZoneId zone) {
    this.viewModel = Objects.requireNonNull(viewModel);
    this.zone = Objects.requireNonNull(zone);
    initOwner(owner);
    initModality(Modality.WINDOW_MODAL);
    setTitle(viewModel.getTitle());
    setHeaderText(null);
    setResizable(true);
    themes.style(getDialogPane());
    getDialogPane().setContent(Views.load(VIEW, this));

    ButtonType applyType = new ButtonType(viewModel.getApplyLabel(), ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().setAll(applyType, ButtonType.CANCEL);
    Button apply = (Button) getDialogPane().lookupButton(applyType);
    Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
    apply.setId("applyButton");
    apply.getStyleClass().add(Styles.ACCENT);
    apply.setTooltip(new javafx.scene.control.Tooltip("Ctrl+Enter"));
    cancel.setId("cancelButton");
    apply.disableProperty().bind(viewModel.canApplyProperty().not());
    cancel.disableProperty().bind(viewModel.busyProperty());
    // OK applies in the background; the dialog closes only when the database said yes.
    apply.addEventFilter(
        ActionEvent.ACTION,
        e -> {
          e.consume();
          viewModel.apply();
        });
    setResultConverter(button -> null);
    // Ctrl+Enter applies from any field (Enter alone starts a new line in the reason).
    getDialogPane()
        .addEventFilter(
            KeyEvent.KEY_PRESSED,
            e -> {
              if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                viewModel.apply();
              }
            });
    viewModel
        .resultProperty()
        .addListener(
            (obs, old, result) -> {
              if (result != null) {
                setResult(result);
                close();
              }
            });
    setOnShown(e -> amount.requestFocus());
  }

  /** For the FXML's expression bindings. */
  public AdjustmentViewModel getViewModel() {
    return viewModel;
  }

  @FXML
  private void initialize() {
    heading.setText(viewModel.getHeading());
    description.setText(viewModel.describe(zone));
    featureLabel.setLabelFor(feature);
    amountLabel.setLabelFor(amount);
    reasonLabel.setLabelFor(reason);
    ticketLabel.setLabelFor(ticket);

    feature.setItems(viewModel.getFeatures());
    feature.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(FeatureType f) {
            return Formats.feature(f);
          }

          @Override
          public FeatureType fromString(String text) {
            return null;
          }
        });
    feature.valueProperty().bindBidirectional(viewModel.featureProperty());
    amount.textProperty().bindBidirectional(viewModel.amountProperty());
    reason.textProperty().bindBidirectional(viewModel.reasonProperty());
    ticket.textProperty().bindBidirectional(viewModel.ticketProperty());

    decorate(amount, amountError, viewModel.amountErrorProperty());
    decorate(reason, reasonError, viewModel.reasonErrorProperty());
    decorate(ticket, ticketError, viewModel.ticketErrorProperty());
    // The preview keeps its place (the dialog does not jump); it asks for input until it has some.
    preview
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.when(viewModel.previewProperty().isEmpty())
                .then("appears once the input is valid")
                .otherwise(viewModel.previewProperty()));
    viewModel
        .previewProperty()
        .addListener(
            (obs, old, now) -> {
              preview.getStyleClass().remove("empty");
              if (now.isEmpty()) {
                preview.getStyleClass().add("empty");
              }
            });
    if (viewModel.getPreview().isEmpty()) {
      preview.getStyleClass().add("empty");
    }
    // Tab leaves the reason (a tab in a reason is never meant); Ctrl+Tab still types one.
    reason.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
            e.consume();
            (e.isShiftDown() ? amount : ticket).requestFocus();
          }
        });
    errorBox.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    errorBox.managedProperty().bind(errorBox.visibleProperty());
    // A dialog does not grow by itself when a line appears.
    errorBox.visibleProperty().addListener((obs, old, now) -> fitWindow());
    // Inputs stay as typed while the database works: what is applied is what is shown.
    feature
        .disableProperty()
        .bind(viewModel.busyProperty().or(new SimpleBooleanProperty(!viewModel.isFeatureEditable())));
    amount.disableProperty().bind(viewModel.busyProperty());
    reason.disableProperty().bind(viewModel.busyProperty());
    ticket.disableProperty().bind(viewModel.busyProperty());
  }

  /** Later, not now: a layout pass in the middle of a text edit breaks the text area's skin. */
  private void fitWindow() {
    javafx.application.Platform.runLater(
        () -> {
          if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            getDialogPane().getScene().getWindow().sizeToScene();
          }
        });
  }

  /** The field's red outline (AtlantaFX's danger state) and its message below it, while invalid. */
  private void decorate(TextInputControl field, Label message, ReadOnlyStringProperty error) {
    Runnable show =
        () -> {
          boolean invalid = !error.get().isEmpty();
          field.pseudoClassStateChanged(Styles.STATE_DANGER, invalid);
          if (message.isVisible() != invalid) {
            message.setVisible(invalid);
            message.setManaged(invalid);
            fitWindow();
          }
        };
    error.addListener((obs, old, now) -> show.run());
    message.setVisible(true);
    show.run();
  }
}
