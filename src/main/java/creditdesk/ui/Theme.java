package creditdesk.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

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

  String userAgentStylesheet() {
    return base.getUserAgentStylesheet();
  }
}
