package creditdesk.app;

import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.search.UserSummary;
import creditdesk.testing.TestDatabase;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console as a headless test drives it: log in, search, open a user, open the adjustment
 * dialogs, and read labels, cards and history rows by fx:id. Every step waits for the state it
 * leads to, never for a time.
 */
final class ConsolePage {
  /** A cold first login (toolkit, FXML, pool, schema check) on a shared 2-core machine. */
  static final long LOGIN_SECONDS = 150;
  static final long WORK_SECONDS = 60;

  private final FxRobot robot;

  ConsolePage(FxRobot robot) {
    this.robot = robot;
  }

  FxRobot robot() {
    return robot;
  }

  /** Logs in with the test password and waits for the search field. */
  void logIn(String login) throws Exception {
    robot.clickOn("#login").write(login);
    robot.clickOn("#password").write(TestDatabase.STAFF_PASSWORD);
    robot.clickOn("#logIn");
    WaitForAsyncUtils.waitFor(LOGIN_SECONDS, TimeUnit.SECONDS, () -> present("#query"));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Types into the search field. */
  void search(String text) {
    robot.clickOn("#query").write(text);
  }

  /** Searches for one user by e-mail, opens them, and waits for their screen. */
  void openUser(String email) throws Exception {
    search(email);
    waitFor(() -> results().getItems().size() == 1 && results().getItems().get(0).email().equals(email));
    robot.type(KeyCode.ENTER);
    waitFor(() -> present("#historyTable") && email.equals(text("#email")));
  }

  /** Clicks a user screen's action ({@code #grantButton}, {@code #refundButton}, ...) and waits for its dialog. */
  void openDialog(String actionButton) throws Exception {
    robot.clickOn(actionButton);
    waitFor(() -> present("#applyButton"));
  }

  void openGrant() throws Exception {
    openDialog("#grantButton");
  }

  void openRefund() throws Exception {
    openDialog("#refundButton");
  }

  void openCorrect() throws Exception {
    openDialog("#correctButton");
  }

  /** Clears a text field and types {@code text} into it. */
  void replace(String field, String text) {
    robot.clickOn(field);
    robot.interact(() -> robot.lookup(field).queryAs(TextInputControl.class).clear());
    robot.write(text);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** The visible dialog error, or "" when there is none. */
  String dialogError() {
    return robot.lookup("#error").queryAll().stream()
        .filter(Node::isVisible)
        .map(n -> ((Label) n).getText())
        .filter(t -> !t.isEmpty())
        .findFirst()
        .orElse("");
  }

  @SuppressWarnings("unchecked")
  TableView<UserSummary> results() {
    return robot.lookup("#results").queryAs(TableView.class);
  }

  @SuppressWarnings("unchecked")
  TableView<LedgerEntry> history() {
    return robot.lookup("#historyTable").queryAs(TableView.class);
  }

  /** The history row showing ledger row {@code id}, once it is shown. */
  Node row(UUID id) throws Exception {
    waitFor(() -> rowOf(id) != null);
    return rowOf(id);
  }

  TableRow<?> rowOf(UUID id) {
    return robot.lookup("#historyTable .table-row-cell").queryAll().stream()
        .map(n -> (TableRow<?>) n)
        .filter(r -> r.getItem() instanceof LedgerEntry e && e.id().equals(id))
        .findFirst()
        .orElse(null);
  }

  List<UUID> highlightedRowIds() {
    return robot.lookup("#historyTable .table-row-cell").queryAll().stream()
        .map(n -> (TableRow<?>) n)
        .filter(r -> r.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("highlighted")))
        .map(r -> ((LedgerEntry) r.getItem()).id())
        .toList();
  }

  /** The texts a column's cells show, top to bottom. */
  List<String> cellTexts(TableView<?> table, String columnId) {
    WaitForAsyncUtils.waitForFxEvents();
    return table.lookupAll(".table-cell").stream()
        .map(n -> (TableCell<?, ?>) n)
        .filter(c -> c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId()))
        .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() != null)
        .sorted(Comparator.comparingInt(TableCell::getIndex))
        .map(TableCell::getText)
        .toList();
  }

  Button button(String id) {
    return robot.lookup(id).queryAs(Button.class);
  }

  /** A label's (or a card's label's) text by fx:id. */
  String text(String query) {
    Node node = robot.lookup(query).query();
    return ((Label) node).getText();
  }

  boolean present(String query) {
    return robot.lookup(query).tryQuery().isPresent();
  }

  /** Waits until {@code condition} holds (a lookup that throws counts as not yet), then for the FX queue. */
  static void waitFor(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WORK_SECONDS, TimeUnit.SECONDS, () -> {
      try {
        return condition.call();
      } catch (RuntimeException e) {
        return false;
      }
    });
    WaitForAsyncUtils.waitForFxEvents();
  }
}
