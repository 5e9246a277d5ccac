package creditdesk.ui.main;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.DatabaseEndpoint;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.user.BalanceInitialisationService;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Errors;
import creditdesk.ui.TaskExecutor;
import creditdesk.ui.initialise.InitialiseBalancesViewModel;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The main window's state for one logged-in staff member. Owns the {@link StaffSession}: logging
 * out (or closing the console) closes it. The role is here so that screens offer only what it may
 * do.
 */
public final class MainViewModel {
  /** Where the console goes next; the composition root decides what that means. */
  public interface Navigation {
    void loggedOut();

    void quit();

    /** Opens the export window (CSV exports of the ledger) for this session. */
    default void openExport() {}
  }

  private final StaffSession session;
  private final TaskExecutor tasks;
  private final Navigation navigation;
  private final String version;

  private final ReadOnlyStringWrapper database = new ReadOnlyStringWrapper(this, "database");
  private final ReadOnlyStringWrapper login = new ReadOnlyStringWrapper(this, "login");
  private final ReadOnlyObjectWrapper<StaffRole> role = new ReadOnlyObjectWrapper<>(this, "role");
  private final ReadOnlyStringWrapper roleLabel = new ReadOnlyStringWrapper(this, "roleLabel");
  private final ReadOnlyStringWrapper schemaVersion =
      new ReadOnlyStringWrapper(this, "schemaVersion");
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
  private final ReadOnlyStringWrapper greeting = new ReadOnlyStringWrapper(this, "greeting");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private boolean closed;

  public MainViewModel(StaffSession session, TaskExecutor tasks, Navigation navigation) {
    this.session = Objects.requireNonNull(session);
    this.tasks = Objects.requireNonNull(tasks);
    this.navigation = Objects.requireNonNull(navigation);
    String implementation = MainViewModel.class.getPackage().getImplementationVersion();
    this.version = implementation == null ? "development build" : implementation;

    database.set(
        session.embedded()
            ? DatabaseEndpoint.EMBEDDED_DISPLAY_NAME + " (" + session.database() + ")"
            : session.database());
    login.set(session.login());
    role.set(session.role());
    roleLabel.set(session.role().label());
    schemaVersion.set("Schema " + session.schemaVersion());
    title.set("creditdesk — " + session.login() + " (" + session.role().label() + ")");
    greeting.set("Signed in as " + session.login() + ", " + session.role().label() + ".");
  }

  /** Closes the session off the UI thread, then goes back to the login window. */
  public void logOut() {
    if (busy.get() || closed) {
      return;
    }
    tasks.execute(
        BackgroundTask.wrap(
                () -> {
                  close();
                  return null;
                })
            .onRunning(() -> busy.set(true))
            .onFailure(e -> Errors.explain(e))
            .onFinished(
                () -> {
                  busy.set(false);
                  navigation.loggedOut();
                }));
  }

  public void quit() {
    navigation.quit();
  }

  /** Every staff role may read the ledger, so every role may export it. */
  public void openExport() {
    if (!closed) {
      navigation.openExport();
    }
  }

  /** Only admins may initialise balances (the database enforces it too). */
  public boolean isAdmin() {
    return session.role() == StaffRole.ADMIN;
  }

  /** Tools → Initialise legacy balances…: a new dry run and run, or null for other roles. */
  public InitialiseBalancesViewModel initialiseBalances() {
    return isAdmin() && !closed
        ? new InitialiseBalancesViewModel(
            new BalanceInitialisationService(session.dataSource()), tasks)
        : null;
  }

  /** Closes the session now (on exit); idempotent. */
  public synchronized void close() {
    if (!closed) {
      closed = true;
      session.close();
    }
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Help → About: the heading. */
  public String aboutHeading() {
    return "creditdesk " + version;
  }

  /** Help → About: what runs where. */
  public String aboutText() {
    return "Support console for the prepaid-credits database."
        + "\n\nDatabase: PostgreSQL "
        + session.serverVersion()
        + " at "
        + session.database()
        + "\ncreditdesk schema version: "
        + session.schemaVersion()
        + "\nRuntime: Java "
        + System.getProperty("java.version")
        + ", JavaFX "
        + System.getProperty("javafx.runtime.version", "?");
  }

  public ReadOnlyStringProperty databaseProperty() {
    return database.getReadOnlyProperty();
  }

  public String getDatabase() {
    return database.get();
  }

  public ReadOnlyStringProperty loginProperty() {
    return login.getReadOnlyProperty();
  }

  public String getLogin() {
    return login.get();
  }

  public ReadOnlyObjectProperty<StaffRole> roleProperty() {
    return role.getReadOnlyProperty();
  }

  public StaffRole getRole() {
    return role.get();
  }

  public ReadOnlyStringProperty roleLabelProperty() {
    return roleLabel.getReadOnlyProperty();
  }

  public String getRoleLabel() {
    return roleLabel.get();
  }

  public ReadOnlyStringProperty schemaVersionProperty() {
    return schemaVersion.getReadOnlyProperty();
  }

  public String getSchemaVersion() {
    return schemaVersion.get();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public String getTitle() {
    return title.get();
  }

  public ReadOnlyStringProperty greetingProperty() {
    return greeting.getReadOnlyProperty();
  }

  public String getGreeting() {
    return greeting.get();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public boolean isBusy() {
    return busy.get();
  }
}
