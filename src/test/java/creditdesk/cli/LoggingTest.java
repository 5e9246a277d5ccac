package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {
  @Test
  void quietSilencesTheLibrariesThatLogLostConnectionsWithStackTraces() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Map<Logger, Level> before = new HashMap<>();
    for (Logger l : context.getLoggerList()) {
      before.put(l, l.getLevel());
    }
    java.util.logging.Level julBefore = java.util.logging.Logger.getLogger("").getLevel();
    try {
      Logging.apply(LogMode.QUIET);
      // What a black-holed connection logged at WARN, with 40 lines of stack trace each.
      for (String name : new String[] {"com.zaxxer.hikari.pool.ProxyConnection",
          "org.hibernate.orm.jdbc.error", "org.flywaydb.core.FlywayExecutor",
          "creditdesk.service.common.DatabaseErrors", "io.zonky.test.db"}) {
        assertThat(LoggerFactory.getLogger(name).isErrorEnabled()).as(name).isFalse();
      }
      assertThat(java.util.logging.Logger.getLogger("org.postgresql").isLoggable(
          java.util.logging.Level.SEVERE)).isFalse();
    } finally {
      before.forEach(Logger::setLevel);
      java.util.logging.Logger.getLogger("").setLevel(julBefore);
    }
  }
}
