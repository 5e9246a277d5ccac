package creditdesk.service.connect;

import creditdesk.service.common.ValidationException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Which database a console or command works on: the embedded default, or one given by URL. */
public sealed interface ConnectionTarget permits ConnectionTarget.Embedded, ConnectionTarget.Remote {

  /** The embedded PostgreSQL whose cluster lives under {@code dataDir} (see DataDirectory). */
  record Embedded(Path dataDir) implements ConnectionTarget {
    public Embedded {
      Objects.requireNonNull(dataDir, "dataDir");
    }
  }

  /**
   * A database given by JDBC URL (TLS options travel as URL parameters); {@code user} is the login
   * to suggest, or null to let the person type it. Never carries a password.
   */
  record Remote(String jdbcUrl, String user) implements ConnectionTarget {
    public Remote {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new ValidationException("A database URL starts with jdbc:postgresql://.");
      }
    }

    public Optional<String> suggestedUser() {
      return Optional.ofNullable(user).filter(u -> !u.isBlank());
    }
  }
}
