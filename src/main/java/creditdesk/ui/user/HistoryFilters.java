package creditdesk.ui.user;

import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ComboBox;

/** The history's filter combo boxes, each kept equal to its view-model property. */
final class HistoryFilters {
  /** A filter choice: a value (null for "any") and how the combo box says it. */
  record Choice<T>(T value, String label) {
    @Override
    public String toString() {
      return label;
    }
  }

  private HistoryFilters() {}

  static <T> void link(ComboBox<Choice<T>> box, ObjectProperty<T> property) {
    Function<T, Choice<T>> choiceFor =
        value ->
            box.getItems().stream()
                .filter(c -> Objects.equals(c.value(), value))
                .findFirst()
                .orElse(box.getItems().get(0));
    box.getSelectionModel().select(choiceFor.apply(property.get()));
    box.valueProperty()
        .addListener(
            (obs, old, now) -> {
              T value = now == null ? null : now.value();
              if (!Objects.equals(property.get(), value)) {
                property.set(value);
              }
            });
    property.addListener(
        (obs, old, now) -> {
          Choice<T> choice = choiceFor.apply(now);
          if (box.getValue() != choice) {
            box.setValue(choice);
          }
        });
  }
}
