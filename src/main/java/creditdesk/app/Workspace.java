package creditdesk.app;

import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.user.BalanceInitialisationService;
import creditdesk.service.user.UserDetailService;
import creditdesk.ui.FxDebouncer;
import creditdesk.ui.TaskExecutor;
import creditdesk.ui.ThemeManager;
import creditdesk.ui.Views;
import creditdesk.ui.export.ExportActions;
import creditdesk.ui.search.SearchView;
import creditdesk.ui.search.SearchViewModel;
import creditdesk.ui.user.UserServices;
import creditdesk.ui.user.UserView;
import creditdesk.ui.user.UserViewModel;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * The main window's centre for one staff session: the search, and the user opened from it. Part
 * of the composition root: it builds the screens' services from the session once and hands them
 * to the view models it creates.
 */
final class Workspace {
  static final String SEARCH_VIEW = "/fxml/search/SearchView.fxml";
  static final String USER_VIEW = "/fxml/user/UserView.fxml";
  /** Typing pauses longer than this run the search. */
  static final Duration SEARCH_DELAY = Duration.ofMillis(250);

  private final StaffSession session;
  private final TaskExecutor tasks;
  private final ThemeManager themes;
  private final ZoneId zone;
  private final Consumer<Node> show;
  private final ExportActions exports;
  private final UserServices userServices;
  private final SearchViewModel searchModel;
  private final SearchView searchView;
  private final Parent searchScreen;
  private Parent userScreen;

  Workspace(
      StaffSession session,
      TaskExecutor tasks,
      ThemeManager themes,
      Preferences preferences,
      ZoneId zone,
      ExportActions exports,
      Consumer<Node> show) {
    this.session = Objects.requireNonNull(session);
    this.tasks = Objects.requireNonNull(tasks);
    this.themes = Objects.requireNonNull(themes);
    this.zone = Objects.requireNonNull(zone);
    this.show = Objects.requireNonNull(show);
    this.exports = Objects.requireNonNull(exports);
    this.userServices =
        new UserServices(
            new UserDetailService(session.sessionFactory()),
            new HistoryService(session.sessionFactory()),
            new AdjustmentService(session.dataSource()),
            new BalanceInitialisationService(session.dataSource()),
            session.labels());
    this.searchModel =
        new SearchViewModel(
            new UserSearchService(session.sessionFactory()),
            tasks,
            new FxDebouncer(SEARCH_DELAY),
            preferences,
            this::openUser,
            exports);
    this.searchView = new SearchView(searchModel);
    this.searchScreen = Views.load(SEARCH_VIEW, searchView);
  }

  /** Shows the search, running the remembered one. */
  void start() {
    show.accept(searchScreen);
    searchModel.start();
  }

  /** Back to the search (Esc on a user, Ctrl+K anywhere), its results brought up to date. */
  void showSearch() {
    if (userScreen != null) {
      userScreen = null;
      show.accept(searchScreen);
      searchModel.refresh();
    }
    searchView.focusQuery();
  }

  void openUser(UUID id) {
    UserViewModel model =
        new UserViewModel(id, session.role(), userServices, tasks, zone, this::showSearch, exports);
    userScreen = Views.load(USER_VIEW, new UserView(model, themes));
    show.accept(userScreen);
    model.start();
  }
}
