package creditdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
  @TempDir Path dir;

  @Test
  void valuesSurviveFlushAndReopen() throws Exception {
    Path file = dir.resolve("data").resolve(SettingsFile.NAME);
    Preferences settings = SettingsFile.open(file);
    settings.put("search.last", "anna@example.com = ünïcode");
    settings.putDouble("window.width", 1333.5);
    settings.putBoolean("window.maximized", true);
    settings.flush();

    Preferences reopened = SettingsFile.open(file);
    assertThat(reopened.get("search.last", null)).isEqualTo("anna@example.com = ünïcode");
    assertThat(reopened.getDouble("window.width", 0)).isEqualTo(1333.5);
    assertThat(reopened.getBoolean("window.maximized", false)).isTrue();
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void aRemovedValueStaysRemoved() throws Exception {
    Path file = dir.resolve(SettingsFile.NAME);
    Preferences settings = SettingsFile.open(file);
    settings.put("search.last", "x");
    settings.flush();
    settings.remove("search.last");
    settings.flush();
    assertThat(SettingsFile.open(file).get("search.last", "gone")).isEqualTo("gone");
  }

  @Test
  void aDamagedFileMeansTheDefaults() throws Exception {
    Path file = dir.resolve(SettingsFile.NAME);
    Files.write(file, new byte[] {'a', '=', '\\', 'u', 'z', 'z'});
    Preferences settings = SettingsFile.open(file);
    assertThat(settings.get("a", "default")).isEqualTo("default");
  }

  @Test
  void aFileThatCannotBeWrittenIsAnErrorNotACrash() throws Exception {
    Path notADirectory = dir.resolve("plain-file");
    Files.writeString(notADirectory, "");
    Preferences settings = SettingsFile.open(notADirectory.resolve(SettingsFile.NAME));
    settings.put("k", "v");
    assertThatThrownBy(settings::flush).isInstanceOf(BackingStoreException.class);
  }

  @Test
  void inMemorySettingsWriteNothing() throws Exception {
    Preferences settings = SettingsFile.inMemory();
    settings.put("k", "v");
    settings.flush();
    assertThat(settings.get("k", null)).isEqualTo("v");
    assertThat(Files.list(dir)).isEmpty();
  }
}
