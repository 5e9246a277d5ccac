package creditdesk.ui.login;

import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.connect.ConnectionTarget;
import creditdesk.service.connect.DatabaseEndpoint;
import creditdesk.service.connect.DemoLogins.DemoLogin;
import creditdesk.service.connect.DemoLogins;
import creditdesk.service.connect.EmbeddedStartService;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.connect.StoredPasswords;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Errors;
import creditdesk.ui.TaskExecutor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The login window's state: which database, the login and password typed, whether logging in is
 * possible now, what is going on, and the one sentence that says why the last attempt failed.
 * The embedded database is started here (in the background) before anyone can log in to it.
 */
public final class LoginViewModel {
  public static final String CONNECTING = "Connecting…";
  public static final String PASSWORD_PROMPT = "Password";
  public static final String STORED_PASSWORD_PROMPT = "Password, or empty to use a stored one";

  private final ConnectionTarget target;
  private final StoredPasswords storedPasswords;
  private final EmbeddedStartService embeddedStart;
  private final LoginService loginService;
  private final TaskExecutor tasks;
  private final Consumer<StaffSession> onLoggedIn;

  private final StringProperty login = new SimpleStringProperty(this, "login", "");
  private final StringProperty password = new SimpleStringProperty(this, "password", "");
  private final ReadOnlyStringWrapper databaseName = new ReadOnlyStringWrapper(this, "databaseName");
  private final ReadOnlyStringWrapper passwordPrompt =
      new ReadOnlyStringWrapper(this, "passwordPrompt", PASSWORD_PROMPT);
  private final ReadOnlyObjectWrapper<DatabaseEndpoint> endpoint =
      new ReadOnlyObjectWrapper<>(this, "endpoint");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyBooleanWrapper hasError = new ReadOnlyBooleanWrapper(this, "hasError");
  private final ReadOnlyBooleanWrapper canLogIn = new ReadOnlyBooleanWrapper(this, "canLogIn");
  private final ReadOnlyBooleanWrapper showDemoLogins =
      new ReadOnlyBooleanWrapper(this, "showDemoLogins");
  private final ObservableList<DemoLogin> demoLogins;

  /** For a target without stored passwords (the embedded database, tests). */
  public LoginViewModel(
      ConnectionTarget target,
      EmbeddedStartService embeddedStart,
      LoginService loginService,
      TaskExecutor tasks,
      Consumer<StaffSession> onLoggedIn) {
    this(target, StoredPasswords.NONE, embeddedStart, loginService, tasks, onLoggedIn);
  }

  public LoginViewModel(
      ConnectionTarget target,
      StoredPasswords storedPasswords,
      EmbeddedStartService embeddedStart,
      LoginService loginService,
      TaskExecutor tasks,
      Consumer<StaffSession> onLoggedIn) {
    this.target = Objects.requireNonNull(target);
    this.storedPasswords = Objects.requireNonNull(storedPasswords);
    this.embeddedStart = Objects.requireNonNull(embeddedStart);
    this.loginService = Objects.requireNonNull(loginService);
    this.tasks = Objects.requireNonNull(tasks);
    this.onLoggedIn = Objects.requireNonNull(onLoggedIn);

    boolean embedded = target instanceof ConnectionTarget.Embedded;
    demoLogins =
        FXCollections.unmodifiableObservableList(
            FXCollections.observableArrayList(embedded ? DemoLogins.ALL : List.of()));
    showDemoLogins.set(embedded);
    // Only a database given by URL can have stored passwords; the demo ones are on screen.
    boolean mayUseStored = !embedded && storedPasswords != StoredPasswords.NONE;
    if (mayUseStored) {
      passwordPrompt.set(STORED_PASSWORD_PROMPT);
    }
    if (target instanceof ConnectionTarget.Remote remote) {
      databaseName.set(DatabaseEndpoint.displayNameOf(remote.jdbcUrl()));
      remote.suggestedUser().ifPresent(login::set);
    } else {
      databaseName.set(DatabaseEndpoint.EMBEDDED_DISPLAY_NAME);
    }

    hasError.bind(error.isNotEmpty());
    canLogIn.bind(
        Bindings.createBooleanBinding(
            () ->
                endpoint.get() != null
                    && !busy.get()
                    && !login.get().isBlank()
                    && (mayUseStored || !password.get().isEmpty()),
            endpoint, busy, login, password));
    // A stale error next to changed input misleads; it goes when the person edits.
    login.addListener((obs, old, now) -> error.set(""));
    password.addListener((obs, old, now) -> error.set(""));
  }

  /** Makes the database ready: the remote one at once, the embedded one in the background. */
  public void start() {
    if (target instanceof ConnectionTarget.Remote remote) {
      endpoint.set(DatabaseEndpoint.remote(remote));
      return;
    }
    ConnectionTarget.Embedded embedded = (ConnectionTarget.Embedded) target;
    tasks.execute(
        BackgroundTask.withContext(
                context -> embeddedStart.start(embedded.dataDir(), context::updateMessage))
            .onRunning(
                () -> {
                  busy.set(true);
                  activity.set(EmbeddedStartService.STARTING);
                })
            .onMessage(activity::set)
            .onSuccess(endpoint::set)
            .onFailure(e -> error.set(Errors.explain(e)))
            .onFinished(
                () -> {
                  busy.set(false);
                  activity.set("");
                }));
  }

  /** Fills the fields with a demo login's name and password. */
  public void useDemoLogin(DemoLogin demo) {
    login.set(demo.login());
    password.set(demo.password());
  }

  /** Logs in on a background thread; on success hands the session on. */
  public void logIn() {
    if (!canLogIn.get()) {
      return;
    }
    DatabaseEndpoint where = endpoint.get();
    String user = login.get().trim();
    char[] typed = password.get().toCharArray();
    tasks.execute(
        BackgroundTask.wrap(
                () -> {
                  char[] secret = typed.length > 0 ? typed : stored(user);
                  try {
                    return loginService.login(where.settingsFor(user, secret));
                  } finally {
                    Arrays.fill(secret, '\0');
                  }
                })
            .onRunning(
                () -> {
                  error.set("");
                  busy.set(true);
                  activity.set(CONNECTING);
                })
            .onSuccess(
                session -> {
                  password.set("");
                  onLoggedIn.accept(session);
                })
            .onFailure(e -> error.set(Errors.explain(e)))
            .onFinished(
                () -> {
                  Arrays.fill(typed, '\0');
                  busy.set(false);
                  activity.set("");
                }));
  }

  /** Runs on the background thread: the lookup may read a password file. */
  private char[] stored(String user) {
    return storedPasswords
        .find(user)
        .orElseThrow(
            () ->
                new DatabaseUnavailableException(
                    "No password was typed and none is stored for \""
                        + user
                        + "\" (PGPASSWORD or ~/.pgpass)."));
  }

  public ReadOnlyStringProperty passwordPromptProperty() {
    return passwordPrompt.getReadOnlyProperty();
  }

  public String getPasswordPrompt() {
    return passwordPrompt.get();
  }

  public StringProperty loginProperty() {
    return login;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  public ReadOnlyStringProperty databaseNameProperty() {
    return databaseName.getReadOnlyProperty();
  }

  public String getDatabaseName() {
    return databaseName.get();
  }

  public ReadOnlyObjectProperty<DatabaseEndpoint> endpointProperty() {
    return endpoint.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public boolean isBusy() {
    return busy.get();
  }

  public ReadOnlyStringProperty activityProperty() {
    return activity.getReadOnlyProperty();
  }

  public String getActivity() {
    return activity.get();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public String getError() {
    return error.get();
  }

  public ReadOnlyBooleanProperty hasErrorProperty() {
    return hasError.getReadOnlyProperty();
  }

  public boolean isHasError() {
    return hasError.get();
  }

  public ReadOnlyBooleanProperty canLogInProperty() {
    return canLogIn.getReadOnlyProperty();
  }

  public boolean isCanLogIn() {
    return canLogIn.get();
  }

  public ReadOnlyBooleanProperty showDemoLoginsProperty() {
    return showDemoLogins.getReadOnlyProperty();
  }

  public boolean isShowDemoLogins() {
    return showDemoLogins.get();
  }

  public ObservableList<DemoLogin> getDemoLogins() {
    return demoLogins;
  }
}
