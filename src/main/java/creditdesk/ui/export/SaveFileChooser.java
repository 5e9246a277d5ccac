package creditdesk.ui.export;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.prefs.Preferences;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The desktop's save dialog for CSV files, opening in the folder of the last export. */
public final class SaveFileChooser implements TargetPicker {
  static final String LAST_FOLDER = "export.folder";

  private final Preferences preferences;

  public SaveFileChooser(Preferences preferences) {
    this.preferences = Objects.requireNonNull(preferences);
  }

  @Override
  public Optional<Path> pick(Window owner, String suggestedFileName) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export to");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
    chooser.setInitialDirectory(initialFolder().toFile());
    chooser.setInitialFileName(suggestedFileName);
    File chosen = chooser.showSaveDialog(owner);
    if (chosen == null) {
      return Optional.empty();
    }
    Path file = chosen.toPath().toAbsolutePath();
    if (file.getParent() != null) {
      preferences.put(LAST_FOLDER, file.getParent().toString());
    }
    return Optional.of(file);
  }

  private Path initialFolder() {
    String last = preferences.get(LAST_FOLDER, null);
    if (last != null && Files.isDirectory(Path.of(last))) {
      return Path.of(last);
    }
    return Path.of(System.getProperty("user.home"));
  }
}
