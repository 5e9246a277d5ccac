package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionSettings;
import creditdesk.db.EmbeddedDatabase;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.connect.ConnectionResolver;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.PasswordPrompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL that requires TLS for every login but its superuser, with a certificate for
 * "localhost" signed by a CA made here: verify-full with that CA connects, another CA or another
 * host name is refused with a sentence a person can act on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsConnectionTest {
  private static final String DB = "tls_test";
  private static final String LOGIN = "tls_login";
  private static final String PASSWORD = "tls-login-password";

  @TempDir static Path dir;
  private Path ca;
  private Path otherCa;
  private EmbeddedDatabase cluster;

  @BeforeAll
  void startServerWithTls() throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs"));
    ca = certs.resolve("ca.crt");
    otherCa = certs.resolve("other-ca.crt");
    openssl(certs, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
        "-out", "ca.crt", "-days", "2", "-subj", "/CN=creditdesk test CA");
    openssl(certs, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key",
        "-out", "other-ca.crt", "-days", "2", "-subj", "/CN=creditdesk other CA");
    openssl(certs, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=localhost");
    Files.writeString(certs.resolve("server.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n"
            + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
    openssl(certs, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext");
    Files.setPosixFilePermissions(certs.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));

    String hba = String.join("\n",
        "local all postgres trust",
        "host all postgres 127.0.0.1/32 trust",
        "host all postgres ::1/128 trust",
        "hostssl all all 127.0.0.1/32 scram-sha-256",
        "hostssl all all ::1/128 scram-sha-256",
        "");
    cluster = EmbeddedDatabase.start(dir.resolve("cluster"), DB, true,
        EmbeddedDatabase.ServerOptions.DEFAULTS
            .withConfig("ssl", "on")
            .withConfig("ssl_cert_file", certs.resolve("server.crt").toString())
            .withConfig("ssl_key_file", certs.resolve("server.key").toString())
            .withHba(hba));
    try (Connection c = cluster.ownerDataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + LOGIN + " LOGIN PASSWORD '" + PASSWORD + "'");
    }
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close(); // a clean cluster: its directory, roles included, goes with it
    }
  }

  private Map<String, String> env(String host, String sslMode, Path rootCert) {
    Map<String, String> env = new HashMap<>();
    env.put("PGHOST", host);
    env.put("PGPORT", Integer.toString(cluster.port()));
    env.put("PGDATABASE", DB);
    env.put("PGUSER", LOGIN);
    env.put("PGPASSWORD", PASSWORD);
    env.put("PGSSLMODE", sslMode);
    if (rootCert != null) {
      env.put("PGSSLROOTCERT", rootCert.toString());
    }
    return env;
  }

  private ConnectionSettings settings(Map<String, String> env) {
    ConnectionResolver resolver = new ConnectionResolver(env, dir, "nobody");
    ConnectionResolver.Server server =
        (ConnectionResolver.Server) resolver.resolve(ConnectionResolver.Request.NONE);
    List<String> warnings = new ArrayList<>();
    ConnectionSettings settings = resolver.settings(server, PasswordPrompt.NONE, warnings::add);
    assertThat(warnings).isEmpty();
    return settings;
  }

  @Test
  void verifyFullWithTheRightCaConnectsOverTls() throws Exception {
    try (HikariDataSource pool = LoginService.open(settings(env("localhost", "verify-full", ca)));
        Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT ssl, version, session_user FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isTrue();
      assertThat(rs.getString(2)).startsWith("TLSv1.");
      assertThat(rs.getString(3)).isEqualTo(LOGIN);
    }
  }

  @Test
  void verifyFullWithAnotherCaIsRefused() {
    assertThatThrownBy(() -> LoginService.open(settings(env("localhost", "verify-full", otherCa))).close())
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessage("The server's TLS certificate is not signed by a trusted CA (sslrootcert);"
            + " the connection was refused.");
  }

  @Test
  void verifyFullWithAnotherHostNameIsRefused() {
    assertThatThrownBy(() -> LoginService.open(settings(env("127.0.0.1", "verify-full", ca))).close())
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessage("The server's TLS certificate does not name the host connected to"
            + " (sslmode verify-full); the connection was refused.");
  }

  @Test
  void verifyCaDoesNotCheckTheHostName() {
    LoginService.open(settings(env("127.0.0.1", "verify-ca", ca))).close();
  }

  @Test
  void withoutTlsTheServerRefusesAndSaysWhy() {
    assertThatThrownBy(() -> LoginService.open(settings(env("localhost", "disable", null))).close())
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("The server does not accept this connection (no pg_hba.conf entry")
        .hasMessageContaining("no encryption");
  }

  @Test
  void migrateStaffAndDoctorWorkOverVerifiedTls() {
    CliRunner owner = new CliRunner(dir);
    env("localhost", "verify-full", ca).forEach(owner::env);
    owner.env("PGUSER", "postgres");
    CliRunner.Result migrate = owner.run("migrate");
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();

    CliRunner.Result add = owner.stdin(PASSWORD + "\n")
        .run("staff", "add", "tls_staff", "--role", "support", "--password-stdin");
    assertThat(add.exitCode()).as(add.err()).isZero();

    CliRunner login = new CliRunner(dir);
    env("localhost", "verify-full", ca).forEach(login::env);
    CliRunner.Result doctor = login.run("doctor", "--db-user", "tls_staff");
    assertThat(doctor.exitCode()).as(doctor.err()).isZero();
    assertThat(doctor.out()).containsPattern("connection +ok +localhost:\\d+/" + DB
        + " as tls_staff \\(TLSv1\\.\\d\\)").containsPattern("role +ok +support");

    CliRunner wrongCa = new CliRunner(dir);
    env("localhost", "verify-full", otherCa).forEach(wrongCa::env);
    CliRunner.Result refused = wrongCa.run("doctor");
    assertThat(refused.exitCode()).isEqualTo(5);
    assertThat(refused.errLines()).singleElement().asString().contains("not signed by a trusted CA");
  }

  private static void openssl(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(workDir.resolve("openssl.log").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
          + Files.readString(workDir.resolve("openssl.log")));
    }
  }
}
