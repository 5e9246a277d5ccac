package creditdesk.app;

import creditdesk.db.ConnectionGuard;
import creditdesk.service.connect.EmbeddedStartService;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportService;
import creditdesk.service.search.UserResolver;
import creditdesk.ui.Theme;
import creditdesk.ui.ThemeManager;
import creditdesk.ui.UiTaskExecutor;
import creditdesk.ui.Views;
import creditdesk.ui.export.ExportActions;
import creditdesk.ui.export.ExportPreset;
import creditdesk.ui.export.ExportView;
import creditdesk.ui.export.ExportViewModel;
import creditdesk.ui.export.SaveFileChooser;
import creditdesk.ui.export.TargetPicker;
import creditdesk.ui.login.LoginView;
import creditdesk.ui.login.LoginViewModel;
import creditdesk.ui.main.MainView;
import creditdesk.ui.main.MainViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's composition root: builds the services once and hands them, through view models,
 * to the controllers it creates for the FXML views. Nothing else in the console reaches for a
 * service by itself.
 */
public final class ConsoleApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

  /**
   * JavaFX constructs the Application reflectively, so {@link #launchConsole} leaves the launch
   * here for the no-argument constructor to take. Nothing else reads it.
   */
  private static final AtomicReference<ConsoleLaunch> HANDOFF = new AtomicReference<>();

  static final String LOGIN_VIEW = "/fxml/login/LoginView.fxml";
  static final String MAIN_VIEW = "/fxml/main/MainView.fxml";
  static final String EXPORT_VIEW = "/fxml/export/ExportView.fxml";
  static final String WIDTH = "window.width";
  static final String HEIGHT = "window.height";
  static final String MAXIMIZED = "window.maximized";
  static final String THEME = "theme";

  private final ConsoleLaunch launch;
  private final EmbeddedStartService.DemoDataLoader demoData;
  private final Preferences preferences;
  private final ConnectionGuard connectionGuard;
  private final TargetPicker picker;
  private ThemeManager themes;
  private UncaughtErrorHandler errors;
  private UiTaskExecutor tasks;
  private EmbeddedStartService embeddedStart;
  private LoginService loginService;
  private Stage stage;
  private MainViewModel main;
  private Stage exportStage;
  private ExportViewModel export;
  /** Export windows of a history or of search results: several may run at once. */
  private final List<Stage> presetStages = new ArrayList<>();
  private final List<ExportViewModel> presetExports = new ArrayList<>();
  private Workspace workspace;
  private Alert errorAlert;
  private Thread.UncaughtExceptionHandler previousHandler;

  /** Used by {@link Application#launch}; takes the launch {@link #launchConsole} left. */
  public ConsoleApp() {
    this(takeHandoff());
  }

  /** Used by tests, which start the application themselves. */
  public ConsoleApp(ConsoleLaunch launch) {
    this(launch, EmbeddedStartService.DEFAULT_DEMO_DATA);
  }

  /** For UI tests of the embedded start that need not wait for the demo data. */
  ConsoleApp(ConsoleLaunch launch, EmbeddedStartService.DemoDataLoader demoData) {
    this(
        launch,
        demoData,
        launch.settingsFile() == null
            ? SettingsFile.inMemory()
            : SettingsFile.open(launch.settingsFile()),
        new FxThreadGuard());
  }

  /**
   * For UI tests: where the last search and the window size are remembered, and the guard every
   * database connection passes (the console's refuses the FX thread).
   */
  ConsoleApp(
      ConsoleLaunch launch,
      EmbeddedStartService.DemoDataLoader demoData,
      Preferences preferences,
      ConnectionGuard connectionGuard) {
    this(launch, demoData, preferences, connectionGuard, new SaveFileChooser(preferences));
  }

  /** For UI tests, which cannot drive the desktop's save dialog: {@code picker} answers instead. */
  ConsoleApp(
      ConsoleLaunch launch,
      EmbeddedStartService.DemoDataLoader demoData,
      Preferences preferences,
      ConnectionGuard connectionGuard,
      TargetPicker picker) {
    this.launch = Objects.requireNonNull(launch, "launch");
    this.demoData = Objects.requireNonNull(demoData, "demoData");
    this.preferences = Objects.requireNonNull(preferences, "preferences");
    this.connectionGuard = Objects.requireNonNull(connectionGuard, "connectionGuard");
    this.picker = Objects.requireNonNull(picker, "picker");
  }

  /** Opens the console and returns when it is closed. Call once per process, from any thread but the FX one. */
  public static void launchConsole(ConsoleLaunch launch) {
    Objects.requireNonNull(launch, "launch");
    if (!HANDOFF.compareAndSet(null, launch)) {
      throw new IllegalStateException("The console is already being opened.");
    }
    Application.launch(ConsoleApp.class);
  }

  private static ConsoleLaunch takeHandoff() {
    ConsoleLaunch launch = HANDOFF.getAndSet(null);
    if (launch == null) {
      throw new IllegalStateException("Open the console with ConsoleApp.launchConsole(...).");
    }
    return launch;
  }

  @Override
  public void start(Stage primaryStage) {
    stage = primaryStage;
    errors = new UncaughtErrorHandler(this::showError);
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(errors);
    Thread.currentThread().setUncaughtExceptionHandler(errors);
    themes = new ThemeManager();
    themes.setTheme(Theme.parse(preferences.get(THEME, null)).orElse(Theme.LIGHT));
    themes.themeProperty().addListener((obs, old, now) -> preferences.put(THEME, now.name()));
    tasks = new UiTaskExecutor(errors::handle);
    embeddedStart = new EmbeddedStartService(demoData);
    loginService = new LoginService(connectionGuard);

    stage.setMinWidth(420);
    stage.setMinHeight(480);
    showLogin();
    stage.show();
    ShownReport.afterShow(stage);
  }

  private void showLogin() {
    LoginViewModel viewModel =
        new LoginViewModel(
            launch.target(),
            launch.storedPasswords(),
            embeddedStart,
            loginService,
            tasks,
            this::showMain);
    Parent root = Views.load(LOGIN_VIEW, new LoginView(viewModel));
    show(root, "creditdesk — Log in", 480, 680);
    viewModel.start();
  }

  private void showMain(StaffSession session) {
    main =
        new MainViewModel(
            session,
            tasks,
            new MainViewModel.Navigation() {
              @Override
              public void loggedOut() {
                closeExport();
                rememberWindow();
                saveSettings();
                main = null;
                workspace = null;
                showLogin();
              }

              @Override
              public void quit() {
                Platform.exit();
              }

              @Override
              public void openExport() {
                showExport(session);
              }
            });
    MainView mainView = new MainView(main, themes);
    Parent root = Views.load(MAIN_VIEW, mainView);
    show(root, main.getTitle(), preferences.getDouble(WIDTH, 1280), preferences.getDouble(HEIGHT, 800));
    stage.setMaximized(preferences.getBoolean(MAXIMIZED, false));
    ExportActions exports =
        new ExportActions(preset -> exportPreset(session, preset), Clock.systemUTC());
    exports.load(new ExportService(session)::permissions, tasks);
    workspace =
        new Workspace(
            session, tasks, themes, preferences, ZoneId.systemDefault(), exports, mainView::show);
    stage.getScene().getAccelerators().put(KeyCombination.keyCombination("Shortcut+K"), workspace::showSearch);
    workspace.start();
  }

  /** The main window's size, for the next start; the login window keeps its own. */
  private void rememberWindow() {
    if (stage == null || main == null) {
      return;
    }
    preferences.putBoolean(MAXIMIZED, stage.isMaximized());
    if (!stage.isMaximized() && stage.getScene() != null) {
      preferences.putDouble(WIDTH, stage.getScene().getWidth());
      preferences.putDouble(HEIGHT, stage.getScene().getHeight());
    }
  }

  private void saveSettings() {
    try {
      preferences.flush();
    } catch (BackingStoreException e) {
      LOG.warn("The console's settings could not be saved: {}", e.toString());
    }
  }

  /** The export window: one per session, beside the main window; closing it cancels an export. */
  private void showExport(StaffSession session) {
    if (exportStage != null) {
      exportStage.show();
      exportStage.toFront();
      return;
    }
    ExportViewModel viewModel =
        new ExportViewModel(
            new ExportService(session),
            new UserResolver(session),
            tasks,
            folder -> getHostServices().showDocument(folder.toUri().toString()),
            Clock.systemUTC());
    Parent root = Views.load(EXPORT_VIEW, new ExportView(viewModel, picker));
    Stage window = new Stage();
    window.initOwner(stage);
    window.setTitle("creditdesk — Export");
    Scene scene = new Scene(root, 640, 640);
    themes.style(scene);
    closeOnEscape(scene, window, viewModel);
    window.setScene(scene);
    window.setOnHidden(e -> {
      viewModel.cancel();
      if (exportStage == window) {
        exportStage = null;
      }
    });
    exportStage = window;
    export = viewModel;
    window.show();
  }

  /**
   * A user's history or the search results: asks where to write (the save dialog, suggesting a
   * name), then opens an export window fixed to that export, with its options and Export button.
   */
  private void exportPreset(StaffSession session, ExportPreset preset) {
    picker.pick(stage, preset.fileName()).ifPresent(file -> showPresetExport(session, preset, file));
  }

  private void showPresetExport(StaffSession session, ExportPreset preset, Path file) {
    ExportViewModel viewModel =
        new ExportViewModel(
            new ExportService(session),
            new UserResolver(session),
            tasks,
            folder -> getHostServices().showDocument(folder.toUri().toString()),
            Clock.systemUTC(),
            preset,
            file);
    Parent root = Views.load(EXPORT_VIEW, new ExportView(viewModel, picker));
    Stage window = new Stage();
    window.initOwner(stage);
    window.setTitle("creditdesk — " + preset.title());
    Scene scene = new Scene(root, 640, 420);
    themes.style(scene);
    closeOnEscape(scene, window, viewModel);
    window.setScene(scene);
    window.setOnHidden(e -> {
      viewModel.cancel();
      presetStages.remove(window);
      presetExports.remove(viewModel);
    });
    presetStages.add(window);
    presetExports.add(viewModel);
    window.show();
  }

  /** Esc closes an export window, but not while it exports: that takes Cancel, said on purpose. */
  private static void closeOnEscape(Scene scene, Stage window, ExportViewModel viewModel) {
    scene.getAccelerators().put(KeyCombination.keyCombination("Esc"), () -> {
      if (!viewModel.isRunning()) {
        window.hide();
      }
    });
  }

  private void closeExport() {
    if (exportStage != null) {
      exportStage.hide();
    }
    for (Stage s : List.copyOf(presetStages)) {
      s.hide();
    }
  }

  private void show(Parent root, String title, double width, double height) {
    // A size remembered on a bigger screen still fits this one.
    javafx.geometry.Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene =
        new Scene(
            root,
            Math.max(400, Math.min(width, screen.getWidth())),
            Math.max(400, Math.min(height, screen.getHeight() - 40)));
    themes.style(scene);
    stage.setMaximized(false);
    stage.setTitle(title);
    stage.setScene(scene);
    if (stage.isShowing()) {
      stage.sizeToScene();
      stage.centerOnScreen();
    }
  }

  /** One sentence in a dialog; while one is open, further errors only go to the log. */
  private void showError(String sentence) {
    if (errorAlert != null && errorAlert.isShowing()) {
      return;
    }
    errorAlert = new Alert(Alert.AlertType.ERROR, sentence, ButtonType.OK);
    errorAlert.setTitle("creditdesk");
    errorAlert.setHeaderText(null);
    if (stage != null && stage.isShowing()) {
      errorAlert.initOwner(stage);
    }
    errorAlert.show();
  }

  /** Closes the staff session and stops the local database; the windows are already gone. */
  @Override
  public void stop() {
    if (export != null) {
      // An export still running would otherwise fail on the closed session; cancelled, it leaves no file.
      export.cancel();
    }
    for (ExportViewModel e : List.copyOf(presetExports)) {
      e.cancel();
    }
    rememberWindow();
    saveSettings();
    if (main != null) {
      closeQuietly("the staff session", main::close);
    }
    if (tasks != null) {
      tasks.close();
      try {
        // A login or start still running would otherwise race the shutdown below.
        tasks.awaitTermination(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (embeddedStart != null) {
      closeQuietly("the local database", embeddedStart::close);
    }
    if (errors != null && Thread.getDefaultUncaughtExceptionHandler() == errors) {
      Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }
    if (Thread.currentThread().getUncaughtExceptionHandler() == errors) {
      Thread.currentThread().setUncaughtExceptionHandler(null);
    }
  }

  private static void closeQuietly(String what, Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      LOG.warn("Could not close {} cleanly", what, e);
    }
  }
}
