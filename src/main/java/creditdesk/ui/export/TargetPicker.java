package creditdesk.ui.export;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/**
 * Asks where to write an export. The console's is a save-file dialog ({@link SaveFileChooser});
 * tests, where no native dialog can be driven, answer with a path of their own.
 */
@FunctionalInterface
public interface TargetPicker {
  /**
   * @param owner the window the question belongs to (may be null)
   * @param suggestedFileName what the file would be called if the person just confirms
   * @return the chosen file, or empty when the person cancels
   */
  Optional<Path> pick(Window owner, String suggestedFileName);
}
