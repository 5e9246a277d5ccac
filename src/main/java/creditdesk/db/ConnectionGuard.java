package creditdesk.db;

/**
 * Runs before a pool hands out a connection. The console passes one that refuses the JavaFX
 * Application Thread, so database work there fails loudly wherever it comes from.
 */
@FunctionalInterface
public interface ConnectionGuard {
  ConnectionGuard NONE = () -> {};

  /** Throws (an unchecked exception) when no connection may be taken on this thread now. */
  void beforeConnection();
}
