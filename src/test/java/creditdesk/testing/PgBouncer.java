package creditdesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's PgBouncer ({@code /usr/sbin/pgbouncer}) in transaction pooling mode in front of a
 * database of the test cluster, as managed PostgreSQL offers it ("pooled" connection strings).
 * Installs nothing: the binary comes from the {@code pgbouncer} package (.ci/run installs it).
 */
public final class PgBouncer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

  private final Process process;
  private final int port;
  private final Path log;

  private PgBouncer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts it on a free port for {@code logins} (each with {@link TestDatabase#STAFF_PASSWORD}),
   * forwarding every database name to the cluster on {@code serverPort}.
   */
  public static PgBouncer start(int serverPort, List<String> logins) {
    try {
      Path dir = Files.createTempDirectory("pgbouncer");
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      String users = logins.stream()
          .map(l -> "\"" + l + "\" \"" + TestDatabase.STAFF_PASSWORD + "\"")
          .collect(Collectors.joining("\n", "", "\n"));
      Files.writeString(dir.resolve("userlist.txt"), users);
      Path log = dir.resolve("pgbouncer.log");
      Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
          "[databases]",
          "* = host=127.0.0.1 port=" + serverPort,
          "[pgbouncer]",
          "listen_addr = 127.0.0.1",
          "listen_port = " + port,
          "unix_socket_dir =",
          "auth_type = scram-sha-256",
          "auth_file = " + dir.resolve("userlist.txt"),
          "pool_mode = transaction",
          "max_client_conn = 200",
          "default_pool_size = 4",
          // What JDBC drivers send and every pooled endpoint is told to ignore.
          "ignore_startup_parameters = extra_float_digits",
          "logfile = " + log,
          "server_reset_query =",
          ""));
      List<String> command = new ArrayList<>(List.of(BINARY.toString()));
      if ("root".equals(System.getProperty("user.name"))) {
        // PgBouncer refuses to run as root; it drops to this user itself.
        for (Path p : List.of(dir, dir.resolve("userlist.txt"), dir.resolve("pgbouncer.ini"))) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
              Files.isDirectory(p) ? "rwxrwxrwx" : "rw-r--r--"));
        }
        command.addAll(List.of("-u", "nobody"));
      }
      command.add(dir.resolve("pgbouncer.ini").toString());
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("stdout.txt").toFile())
          .start();
      PgBouncer bouncer = new PgBouncer(process, port, log);
      bouncer.awaitListening(dir);
      return bouncer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening(Path dir) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("pgbouncer exited: " + Files.readString(dir.resolve("stdout.txt"))
            + (Files.exists(log) ? Files.readString(log) : ""));
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("pgbouncer did not listen on " + port);
  }

  public int port() {
    return port;
  }

  /** {@code jdbcUrl} with its host and port replaced by PgBouncer's. */
  public String through(String jdbcUrl) {
    return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
  }

  /** What PgBouncer logged (for assertion messages). */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
