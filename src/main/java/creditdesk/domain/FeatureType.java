package creditdesk.domain;

import jakarta.persistence.EnumeratedValue;

/** PostgreSQL enum {@code feature_type}; which balance a ledger row moves depends on it. */
public enum FeatureType {
  DOCUMENT_GENERATION("document_generation"),
  WORKSTREAM_CLUSTERING("workstream_clustering"),
  CHAT_TOOL_CALL("chat_tool_call"),
  CHAT_MESSAGE("chat_message");

  @EnumeratedValue private final String dbValue;

  FeatureType(String dbValue) {
    this.dbValue = dbValue;
  }

  public String dbValue() {
    return dbValue;
  }

  public Balance balance() {
    return this == CHAT_MESSAGE ? Balance.CHAT_MESSAGES : Balance.CREDITS;
  }

  public static FeatureType fromDb(String value) {
    for (FeatureType f : values()) {
      if (f.dbValue.equals(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Unknown feature: " + value);
  }
}
