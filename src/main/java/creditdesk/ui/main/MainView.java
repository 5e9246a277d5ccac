package creditdesk.ui.main;

import creditdesk.ui.Theme;
import creditdesk.ui.ThemeManager;
import creditdesk.ui.initialise.InitialiseBalancesDialog;
import creditdesk.ui.initialise.InitialiseBalancesViewModel;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/** The main window's controller: menus, the workspace, and the status bar. */
public final class MainView {
  private final MainViewModel viewModel;
  private final ThemeManager themes;

  @FXML private BorderPane root;
  @FXML private StackPane workspace;
  @FXML private RadioMenuItem lightTheme;
  @FXML private RadioMenuItem darkTheme;
  @FXML private Menu toolsMenu;

  public MainView(MainViewModel viewModel, ThemeManager themes) {
    this.viewModel = Objects.requireNonNull(viewModel);
    this.themes = Objects.requireNonNull(themes);
  }

  /** For the FXML's expression bindings. */
  public MainViewModel getViewModel() {
    return viewModel;
  }

  @FXML
  private void initialize() {
    ToggleGroup group = new ToggleGroup();
    lightTheme.setToggleGroup(group);
    darkTheme.setToggleGroup(group);
    lightTheme.setUserData(Theme.LIGHT);
    darkTheme.setUserData(Theme.DARK);
    (themes.getTheme() == Theme.DARK ? darkTheme : lightTheme).setSelected(true);
    toolsMenu.setVisible(viewModel.isAdmin());
    group
        .selectedToggleProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null) {
                themes.setTheme((Theme) now.getUserData());
              }
            });
  }

  /** Puts a screen (the search, a user) in the window's centre. */
  public void show(Node screen) {
    workspace.getChildren().setAll(screen);
  }

  @FXML
  private void logOut() {
    viewModel.logOut();
  }

  @FXML
  private void openExport() {
    viewModel.openExport();
  }

  @FXML
  private void initialiseBalances() {
    InitialiseBalancesViewModel model = viewModel.initialiseBalances();
    if (model != null) {
      new InitialiseBalancesDialog(model, root.getScene().getWindow(), themes).show();
    }
  }

  @FXML
  private void quit() {
    viewModel.quit();
  }

  @FXML
  private void about() {
    Alert alert = new Alert(Alert.AlertType.INFORMATION, viewModel.aboutText(), ButtonType.OK);
    alert.setTitle("About creditdesk");
    alert.setHeaderText(viewModel.aboutHeading());
    alert.getDialogPane().setPrefWidth(520);
    alert.initOwner(root.getScene().getWindow());
    alert.show();
  }
}
