package creditdesk.cli;

/** How much to log, decided once the command line is parsed. */
public enum LogMode {
  /** The desktop console: warnings and errors to stderr. */
  CONSOLE,
  /** A command: nothing but its own output; failures are its one line on stderr. */
  QUIET,
  /** Any of them with --verbose: what happens, at INFO (creditdesk at DEBUG). */
  VERBOSE
}
