package creditdesk.domain;

import java.util.List;
import java.util.Objects;

/**
 * A label of one of the web app's PostgreSQL enums. The web app adds labels with
 * {@code ALTER TYPE ... ADD VALUE} whenever it likes, so a label this build does not know is kept
 * as it is (never null, never an exception); the constants are the labels this build knows.
 */
public abstract class DbLabel {
  private final String dbValue;
  private final String name;

  DbLabel(String dbValue, String name) {
    this.dbValue = Objects.requireNonNull(dbValue, "dbValue");
    this.name = name;
  }

  /** The label exactly as the database spells it. */
  public final String dbValue() {
    return dbValue;
  }

  /** True for a label this build knows (one of the constants). */
  public final boolean isKnown() {
    return name != null;
  }

  /** The constant's name (DEDUCT, CHAT_MESSAGE, ...), or the label itself when unknown. */
  public final String name() {
    return name == null ? dbValue : name;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((DbLabel) o).dbValue.equals(dbValue);
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode() * 31 + dbValue.hashCode();
  }

  @Override
  public final String toString() {
    return dbValue;
  }

  static <T extends DbLabel> T find(List<T> known, String value) {
    for (T t : known) {
      if (t.dbValue().equals(value)) {
        return t;
      }
    }
    return null;
  }
}
