package creditdesk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link LogMode} to logback (logback.xml gives the defaults for the console) and to
 * java.util.logging, which the PostgreSQL driver uses.
 */
public final class Logging {
  private Logging() {}

  public static void apply(LogMode mode) {
    if (mode == LogMode.QUIET) {
      // pgjdbc logs through java.util.logging (a SEVERE line for a TLS host name mismatch, say).
      java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    switch (mode) {
      case CONSOLE -> { }
      case QUIET -> {
        // Also the loggers logback.xml names (Hikari, Hibernate, ...): theirs are explicit levels,
        // which the root's does not override, and they log lost connections with stack traces.
        for (Logger logger : context.getLoggerList()) {
          if (logger.getLevel() != null) {
            logger.setLevel(Level.OFF);
          }
        }
        root.setLevel(Level.OFF);
      }
      case VERBOSE -> {
        root.setLevel(Level.INFO);
        context.getLogger("creditdesk").setLevel(Level.DEBUG);
        context.getLogger("org.flywaydb").setLevel(Level.INFO);
      }
    }
  }
}
