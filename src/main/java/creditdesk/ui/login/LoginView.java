package creditdesk.ui.login;

import creditdesk.service.connect.DemoLogins.DemoLogin;
import creditdesk.ui.StyleClasses;
import java.util.Objects;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The login window's controller: binds fields to {@link LoginViewModel} and delegates. */
public final class LoginView {
  private final LoginViewModel viewModel;

  @FXML private Label loginLabel;
  @FXML private Label passwordLabel;
  @FXML private TextField login;
  @FXML private PasswordField password;
  @FXML private VBox demoLogins;

  public LoginView(LoginViewModel viewModel) {
    this.viewModel = Objects.requireNonNull(viewModel);
  }

  /** For the FXML's expression bindings. */
  public LoginViewModel getViewModel() {
    return viewModel;
  }

  @FXML
  private void initialize() {
    loginLabel.setLabelFor(login);
    passwordLabel.setLabelFor(password);
    login.textProperty().bindBidirectional(viewModel.loginProperty());
    password.textProperty().bindBidirectional(viewModel.passwordProperty());
    for (DemoLogin demo : viewModel.getDemoLogins()) {
      demoLogins.getChildren().add(demoLoginRow(demo));
    }
    // Typing starts where it makes sense: the password when the login is already known.
    Platform.runLater(
        () -> (viewModel.loginProperty().get().isBlank() ? login : password).requestFocus());
  }

  @FXML
  private void logIn() {
    viewModel.logIn();
  }

  private Button demoLoginRow(DemoLogin demo) {
    Label name = label(demo.login(), "demo-login-name");
    Label role = label(demo.role().label(), "demo-login-role");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Label secret = label(demo.password(), "demo-login-password");
    secret.setGraphic(new FontIcon("fth-key"));
    HBox content = new HBox(8, name, role, gap, secret);
    content.setAlignment(Pos.CENTER_LEFT);

    Button row = new Button();
    row.setId("demo-" + demo.login());
    row.setGraphic(content);
    row.setMaxWidth(Double.MAX_VALUE);
    row.getStyleClass().add(StyleClasses.DEMO_LOGIN);
    row.setTooltip(new Tooltip("Fill in " + demo.login() + " and its password " + demo.password()));
    row.setOnAction(e -> viewModel.useDemoLogin(demo));
    row.setFocusTraversable(false);
    // The row is as wide as the card; its content spreads over it, names never cut short.
    content.prefWidthProperty().bind(row.widthProperty().subtract(30));
    return row;
  }

  private static Label label(String text, String styleClass) {
    Label label = new Label(text);
    label.getStyleClass().add(styleClass);
    label.setMinWidth(Region.USE_PREF_SIZE);
    return label;
  }
}
