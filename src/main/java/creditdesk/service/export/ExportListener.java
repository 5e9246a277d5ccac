package creditdesk.service.export;

/** Receives progress on the exporting thread, a few times a second at most. */
@FunctionalInterface
public interface ExportListener {
  ExportListener NONE = p -> {};

  void progress(ExportProgress progress);
}
