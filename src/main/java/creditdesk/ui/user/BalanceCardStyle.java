package creditdesk.ui.user;

import creditdesk.ui.StyleClasses;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** A balance card's look that bindings cannot say: style classes for disagreeing and unset balances. */
final class BalanceCardStyle {
  private static final String DISAGREES = "disagrees";

  private BalanceCardStyle() {}

  static void bind(BalanceCardModel model, VBox card, Label actual, Label difference, Tooltip summary) {
    Tooltip.install(card, summary);
    Runnable style =
        () -> {
          toggle(card, DISAGREES, !model.isAgrees());
          toggle(difference, DISAGREES, !model.isAgrees());
          toggle(actual, StyleClasses.NOT_SET, model.isLegacy());
        };
    model.agreesProperty().addListener((obs, old, now) -> style.run());
    model.legacyProperty().addListener((obs, old, now) -> style.run());
    style.run();
  }

  private static void toggle(Node node, String styleClass, boolean on) {
    node.getStyleClass().remove(styleClass);
    if (on) {
      node.getStyleClass().add(styleClass);
    }
  }
}
