package creditdesk.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.app.SettingsFile;
import creditdesk.domain.StaffRole;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.search.UserSummary;
import creditdesk.testing.Staff;
import creditdesk.testing.StaffSessionExtension;
import creditdesk.testing.TestDatabase;
import creditdesk.ui.CurrentThreadTaskExecutor;
import creditdesk.ui.Debouncer;
import creditdesk.ui.HeldTaskExecutor;
import creditdesk.ui.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The search view model against a real database, on the current thread, without a toolkit. */
@ExtendWith(StaffSessionExtension.class)
class SearchViewModelTest {
  private static TestDatabase DB;
  private static StaffSession session;
  private static UserSearchService search;

  private final Preferences preferences =
      SettingsFile.inMemory();
  private final ManualDebouncer debouncer = new ManualDebouncer();
  private final List<UUID> opened = new ArrayList<>();

  @BeforeAll
  static void login(TestDatabase db, @Staff(StaffRole.SUPPORT) StaffSession support) {
    DB = db;
    for (int i = 0; i < UserSearchService.PAGE_SIZE + 3; i++) {
      DB.insertUser(String.format("paging%03d@example.com", i), i % 7, 20);
    }
    DB.insertUser("maria@example.com", null, null);
    DB.insertUser("maria.lopez@example.com", 3, 4);
    session = support;
    search = new UserSearchService(session.sessionFactory());
  }


  private SearchViewModel model(TaskExecutor tasks) {
    return new SearchViewModel(search, tasks, debouncer, preferences, opened::add);
  }

  @Test
  void typingSearchesOnceTheDebounceRunsOutBestMatchFirstAndSelectsIt() {
    SearchViewModel model = model(new CurrentThreadTaskExecutor());
    assertThat(model.getState()).isEqualTo(SearchViewModel.State.IDLE);

    model.queryProperty().set("m");
    model.queryProperty().set("ma");
    model.queryProperty().set("maria@example.com");
    assertThat(model.getResults()).as("nothing before the pause").isEmpty();
    assertThat(debouncer.scheduled).isEqualTo(3);

    debouncer.fire();
    assertThat(model.getState()).isEqualTo(SearchViewModel.State.RESULTS);
    assertThat(model.getResults()).extracting(UserSummary::email).first().isEqualTo("maria@example.com");
    assertThat(model.selectedProperty().get().email()).isEqualTo("maria@example.com");
    assertThat(model.getMessage()).isEqualTo("1 user");

    model.openSelected();
    assertThat(opened).containsExactly(model.getResults().get(0).id());
    assertThat(preferences.get(SearchViewModel.LAST_SEARCH, null)).isEqualTo("maria@example.com");
  }

  @Test
  void pagesLoadMoreUntilThereAreNoMore() {
    SearchViewModel model = model(new CurrentThreadTaskExecutor());
    model.queryProperty().set("paging");
    model.searchNow();
    assertThat(model.getResults()).hasSize(UserSearchService.PAGE_SIZE);
    assertThat(model.isHasMore()).isTrue();
    assertThat(model.getMessage()).isEqualTo("50 users shown, more below");

    model.loadMore();
    assertThat(model.getResults()).hasSize(UserSearchService.PAGE_SIZE + 3);
    assertThat(model.isHasMore()).isFalse();
    assertThat(model.getResults()).extracting(UserSummary::email).doesNotHaveDuplicates();
  }

  @Test
  void noResultsAndClearingAreDistinctStatesAndLiteralMetacharactersFindNothing() {
    SearchViewModel model = model(new CurrentThreadTaskExecutor());
    model.queryProperty().set("%_");
    model.searchNow();
    assertThat(model.getState()).isEqualTo(SearchViewModel.State.NO_RESULTS);
    assertThat(model.getMessage()).startsWith("No user matches \"%_\".");

    model.queryProperty().set("  ");
    assertThat(model.getState()).isEqualTo(SearchViewModel.State.IDLE);
    assertThat(model.getResults()).isEmpty();
    assertThat(debouncer.pending).as("a blank query cancels the pending search").isNull();
  }

  @Test
  void anErrorIsOneSentence() {
    SearchViewModel model = model(new CurrentThreadTaskExecutor());
    model.queryProperty().set("x".repeat(UserSearchService.MAX_QUERY_LENGTH + 1));
    model.searchNow();
    assertThat(model.getState()).isEqualTo(SearchViewModel.State.ERROR);
    assertThat(model.getMessage()).isEqualTo("Search for at most 256 characters.");
  }

  @Test
  void aSlowAnswerToAnOlderQueryIsDropped() {
    HeldTaskExecutor held = new HeldTaskExecutor();
    SearchViewModel model = model(held);
    model.queryProperty().set("maria");
    model.searchNow();
    model.queryProperty().set("paging001");
    model.searchNow();
    assertThat(held.held()).isEqualTo(2);

    held.releaseNewestFirst(); // the answer to "maria" arrives last
    assertThat(model.getResults()).extracting(UserSummary::email).containsExactly("paging001@example.com");
    assertThat(model.isBusy()).isFalse();
    assertThat(model.getState()).isEqualTo(SearchViewModel.State.RESULTS);
  }

  @Test
  void theLastSearchIsRememberedAndRunAtStart() {
    model(new CurrentThreadTaskExecutor()).queryProperty().set("maria.lopez");
    debouncer.fire();

    SearchViewModel next = model(new CurrentThreadTaskExecutor());
    assertThat(next.queryProperty().get()).isEqualTo("maria.lopez");
    next.start();
    assertThat(next.getResults()).extracting(UserSummary::email).containsExactly("maria.lopez@example.com");
    assertThat(next.getResults().get(0).freeCredits()).isEqualTo(3);
  }

  /** Fires the last scheduled action when the test says so. */
  static final class ManualDebouncer implements Debouncer {
    Runnable pending;
    int scheduled;

    @Override
    public void schedule(Runnable action) {
      pending = action;
      scheduled++;
    }

    @Override
    public void cancel() {
      pending = null;
    }

    void fire() {
      Runnable action = pending;
      pending = null;
      action.run();
    }
  }
}
