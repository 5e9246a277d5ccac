package creditdesk.app;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's remembered settings (window size, last search, theme) as one properties file in
 * creditdesk's data directory. java.util.prefs' own store would write under ~/.java, and the
 * console writes only to its data directory. A single node: no children.
 */
public final class SettingsFile extends AbstractPreferences {
  /** The file's name inside the data directory. */
  public static final String NAME = "console.properties";

  private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);

  private final Path file;
  private final Properties values = new Properties();

  private SettingsFile(Path file) {
    super(null, "");
    this.file = file;
  }

  /** Settings read from {@code file} (missing or unreadable: none), written back on flush. */
  public static Preferences open(Path file) {
    SettingsFile settings = new SettingsFile(file);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      settings.values.load(in);
    } catch (NoSuchFileException e) {
      // First start.
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Settings in {} could not be read ({}); starting from the defaults.", file, e.toString());
      settings.values.clear();
    }
    return settings;
  }

  /** Settings kept only while the process runs (tests, or no data directory). */
  public static Preferences inMemory() {
    return new SettingsFile(null);
  }

  @Override
  protected void putSpi(String key, String value) {
    values.setProperty(key, value);
  }

  @Override
  protected String getSpi(String key) {
    return values.getProperty(key);
  }

  @Override
  protected void removeSpi(String key) {
    values.remove(key);
  }

  @Override
  protected void removeNodeSpi() throws BackingStoreException {
    throw new BackingStoreException("The console's settings file is a single node.");
  }

  @Override
  protected String[] keysSpi() {
    return values.stringPropertyNames().toArray(String[]::new);
  }

  @Override
  protected String[] childrenNamesSpi() {
    return new String[0];
  }

  @Override
  protected AbstractPreferences childSpi(String name) {
    throw new UnsupportedOperationException("The console's settings file is a single node.");
  }

  @Override
  protected void syncSpi() throws BackingStoreException {
    flushSpi();
  }

  /** Written to a temporary file and moved into place, so a crash never leaves half a file. */
  @Override
  protected void flushSpi() throws BackingStoreException {
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), NAME, ".tmp");
      try {
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
          values.store(out, "creditdesk console settings");
        }
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new BackingStoreException(e);
    }
  }
}
