package creditdesk.domain;

import java.util.List;

/** PostgreSQL enum {@code feature_type}; which balance a ledger row moves depends on it. */
public final class FeatureType extends DbLabel {
  public static final FeatureType DOCUMENT_GENERATION = new FeatureType("document_generation", "DOCUMENT_GENERATION");
  public static final FeatureType WORKSTREAM_CLUSTERING = new FeatureType("workstream_clustering", "WORKSTREAM_CLUSTERING");
  public static final FeatureType CHAT_TOOL_CALL = new FeatureType("chat_tool_call", "CHAT_TOOL_CALL");
  public static final FeatureType CHAT_MESSAGE = new FeatureType("chat_message", "CHAT_MESSAGE");

  private static final List<FeatureType> KNOWN = List.of(DOCUMENT_GENERATION, WORKSTREAM_CLUSTERING, CHAT_TOOL_CALL, CHAT_MESSAGE);

  private FeatureType(String dbValue, String name) {
    super(dbValue, name);
  }

  /** The labels of {@code feature_type} this build knows, in the enum's order. */
  public static List<FeatureType> known() {
    return KNOWN;
  }

  /** The label {@code value}, known or not; null only for a null value (a NULL column). */
  public static FeatureType fromDb(String value) {
    if (value == null) {
      return null;
    }
    FeatureType k = find(KNOWN, value);
    return k != null ? k : new FeatureType(value, null);
  }

  /** chat_message moves chat messages; every other label, known or not, moves credits. */
  public Balance balance() {
    return equals(CHAT_MESSAGE) ? Balance.CHAT_MESSAGES : Balance.CREDITS;
  }
}
