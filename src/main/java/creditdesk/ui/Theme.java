package creditdesk.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Optional;

/** The console's two themes: AtlantaFX Primer plus creditdesk.css, whose dark variant redefines variables. */
public enum Theme {
  LIGHT("Light", new PrimerLight()),
  DARK("Dark", new PrimerDark());

  private final String label;
  private final atlantafx.base.theme.Theme base;

  Theme(String label, atlantafx.base.theme.Theme base) {
    this.label = label;
    this.base = base;
  }

  public String label() {
    return label;
  }

  /** The theme a settings file names, if it names one. */
  public static Optional<Theme> parse(String name) {
    for (Theme t : values()) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  String userAgentStylesheet() {
    return base.getUserAgentStylesheet();
  }
}
