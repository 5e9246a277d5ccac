package creditdesk.ui.initialise;

import atlantafx.base.theme.Styles;
import creditdesk.ui.ThemeManager;
import creditdesk.ui.Views;
import java.util.Objects;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.layout.HBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Tools → Initialise legacy balances…: the dry-run count, then Initialise with progress. While it
 * runs, the dialog's Cancel stops after the current batch instead of closing.
 */
public final class InitialiseBalancesDialog extends Dialog<Void> {
  static final String VIEW = "/fxml/initialise/InitialiseBalancesDialog.fxml";

  private final InitialiseBalancesViewModel viewModel;

  public InitialiseBalancesDialog(
      InitialiseBalancesViewModel viewModel, Window owner, ThemeManager themes) {
    this.viewModel = Objects.requireNonNull(viewModel);
    initOwner(owner);
    initModality(Modality.WINDOW_MODAL);
    setTitle("Initialise legacy balances");
    setHeaderText(null);
    setResizable(true);
    themes.style(getDialogPane());
    getDialogPane().setContent(Views.load(VIEW, this));

    ButtonType applyType = new ButtonType("Initialise", ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().setAll(applyType, ButtonType.CLOSE);
    Button apply = (Button) getDialogPane().lookupButton(applyType);
    Button close = (Button) getDialogPane().lookupButton(ButtonType.CLOSE);
    apply.setId("initialiseButton");
    apply.getStyleClass().add(Styles.ACCENT);
    close.setId("closeButton");
    apply.disableProperty().bind(viewModel.canApplyProperty().not());
    viewModel
        .runningProperty()
        .addListener((obs, old, now) -> close.setText(now ? "Cancel" : "Close"));
    apply.addEventFilter(
        ActionEvent.ACTION,
        e -> {
          e.consume();
          viewModel.apply();
        });
    close.addEventFilter(
        ActionEvent.ACTION,
        e -> {
          if (viewModel.isRunning()) {
            e.consume();
            viewModel.cancel();
          }
        });
    // Closing the window while it runs also only cancels: the batch in progress finishes first.
    setOnCloseRequest(
        e -> {
          if (viewModel.isRunning()) {
            e.consume();
            viewModel.cancel();
          }
        });
    setResultConverter(button -> null);
    setOnShown(e -> viewModel.count());
  }

  /** For the FXML's expression bindings. */
  public InitialiseBalancesViewModel getViewModel() {
    return viewModel;
  }

  @FXML private HBox errorBox;

  @FXML
  private void initialize() {
    errorBox.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    errorBox.managedProperty().bind(errorBox.visibleProperty());
    // A dialog does not grow by itself when its text does: the buttons would be pushed out.
    for (var text : java.util.List.of(
        viewModel.summaryProperty(), viewModel.statusProperty(), viewModel.errorProperty())) {
      text.addListener((obs, old, now) -> fitWindow());
    }
    viewModel.busyProperty().addListener((obs, old, now) -> fitWindow());
  }

  private void fitWindow() {
    Platform.runLater(
        () -> {
          if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            getDialogPane().getScene().getWindow().sizeToScene();
          }
        });
  }
}
