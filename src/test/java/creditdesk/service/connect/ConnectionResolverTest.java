package creditdesk.service.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.db.ConnectionSettings;
import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.common.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionResolverTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();
  private final List<String> warnings = new ArrayList<>();

  private ConnectionResolver resolver() {
    return new ConnectionResolver(env, home, "osuser");
  }

  private ConnectionResolver.Resolved resolve(String url, String user, Path dataDir) {
    return resolver().resolve(new ConnectionResolver.Request(url, user, dataDir));
  }

  private ConnectionResolver.Server server(String url, String user) {
    return (ConnectionResolver.Server) resolve(url, user, null);
  }

  @Test
  void nothingGivenMeansTheEmbeddedDatabaseInTheDataDirectory() {
    env.put("XDG_DATA_HOME", "/data/xdg");
    env.put("PGUSER", "alice"); // a login alone does not name a database
    assertThat(resolve(null, null, null))
        .isEqualTo(new ConnectionResolver.Embedded(Path.of("/data/xdg/creditdesk"), null));
  }

  @Test
  void dataDirOverridesAndWinsOverPgVariables() {
    env.put("PGHOST", "db.example.com");
    assertThat(resolve(null, "bob", Path.of("/tmp/cd")))
        .isEqualTo(new ConnectionResolver.Embedded(Path.of("/tmp/cd"), "bob"));
  }

  @Test
  void dataDirWithUrlIsRefused() {
    assertThatThrownBy(() -> resolve("jdbc:postgresql://h/d", null, Path.of("/tmp/cd")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("--data-dir");
  }

  @Test
  void pgVariablesNameTheServer() {
    env.putAll(Map.of("PGHOST", "db.example.com", "PGPORT", "6543", "PGDATABASE", "app",
        "PGUSER", "alice"));
    assertThat(resolve(null, null, null)).isEqualTo(new ConnectionResolver.Server(
        "jdbc:postgresql://db.example.com:6543/app", "db.example.com", 6543, "app", "alice"));
  }

  @Test
  void pgVariableDefaultsFollowLibpq() {
    env.put("PGDATABASE", "app");
    ConnectionResolver.Server s = (ConnectionResolver.Server) resolve(null, null, null);
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app");
    assertThat(s.user()).isEqualTo("osuser");

    env.clear();
    env.put("PGHOST", "h");
    env.put("PGUSER", "carol");
    ConnectionResolver.Server t = (ConnectionResolver.Server) resolve(null, null, null);
    assertThat(t.database()).as("database defaults to the user name").isEqualTo("carol");
  }

  @Test
  void dbUserOptionWinsOverUrlAndPgUser() {
    env.put("PGUSER", "from-env");
    assertThat(server("jdbc:postgresql://h/d?user=from-url", "from-option").user())
        .isEqualTo("from-option");
    assertThat(server("jdbc:postgresql://h/d?user=from-url", null).user()).isEqualTo("from-url");
    assertThat(server("jdbc:postgresql://h/d", null).user()).isEqualTo("from-env");
    env.clear();
    assertThat(server("jdbc:postgresql://h/d", null).user()).isEqualTo("osuser");
  }

  @Test
  void urlWinsOverPgHostAndKeepsItsParametersButNotTheUser() {
    env.putAll(Map.of("PGHOST", "ignored", "PGDATABASE", "ignored-db"));
    ConnectionResolver.Server s =
        server("jdbc:postgresql://db.example.com:5433/app?user=u&ApplicationName=x&sslmode=require", null);
    assertThat(s.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example.com:5433/app?ApplicationName=x&sslmode=require");
    assertThat(s.host()).isEqualTo("db.example.com");
    assertThat(s.port()).isEqualTo(5433);
    assertThat(s.database()).isEqualTo("app");
  }

  @Test
  void urlWithoutPortOrDatabaseTakesPgPortAndPgDatabaseThenDefaults() {
    env.put("PGPORT", "7000");
    env.put("PGDATABASE", "envdb");
    assertThat(server("jdbc:postgresql://h", "u").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:7000/envdb");
    env.clear();
    assertThat(server("jdbc:postgresql://h/", "u").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/u");
  }

  @Test
  void ipv6AndSeveralHosts() {
    ConnectionResolver.Server s = server("jdbc:postgresql://[::1]:5433,[fe80::2]/d", "u");
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433,[fe80::2]:5432/d");
    assertThat(s.host()).isEqualTo("::1");
    env.putAll(Map.of("PGHOST", "a,b", "PGPORT", "1,2", "PGDATABASE", "d"));
    assertThat(((ConnectionResolver.Server) resolve(null, "u", null)).jdbcUrl())
        .isEqualTo("jdbc:postgresql://a:1,b:2/d");
  }

  @Test
  void libpqUriIsAcceptedWithUserButNeverWithPassword() {
    ConnectionResolver.Server s = server("postgresql://alice@db.example.com:5433/app?sslmode=disable", null);
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/app?sslmode=disable");
    assertThat(s.user()).isEqualTo("alice");
    assertThatThrownBy(() -> server("postgres://alice:secret@db/app", null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must not contain a password")
        .hasMessageNotContaining("secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://h/d?password=secret",
      "jdbc:postgresql://h/d?sslmode=require&password=secret"})
  void passwordParameterIsRefused(String url) {
    assertThatThrownBy(() -> server(url, null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("PGPASSWORD")
        .hasMessageNotContaining("secret");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mysql://h/d | must look like jdbc:postgresql://",
      "jdbc:postgresql:d | must look like jdbc:postgresql://",
      "jdbc:postgresql:///d | has no host",
      "jdbc:postgresql://h:port/d | is not a port number",
      "jdbc:postgresql://h:70000/d | is not a port number",
      "jdbc:postgresql://[::1/d | closing ']'",
      "jdbc:postgresql://h/d?sslmode=sometimes | is not one of disable, allow, prefer, require, verify-ca, verify-full",
      "jdbc:postgresql://h/d%zz | malformed"})
  void badUrlsSayWhatIsWrong(String url, String message) {
    assertThatThrownBy(() -> server(url.trim(), null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(message.trim())
        .satisfies(e -> assertThat(((CreditdeskException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void badPgVariablesSayWhichOne() {
    env.put("PGPORT", "fifty");
    assertThatThrownBy(() -> resolve(null, null, null)).hasMessageContaining("PGPORT");
    env.put("PGPORT", "5432");
    env.put("PGHOST", "/var/run/postgresql");
    assertThatThrownBy(() -> resolve(null, null, null)).hasMessageContaining("Unix socket");
    env.put("PGHOST", "h");
    env.put("PGCONNECT_TIMEOUT", "soon");
    assertThatThrownBy(() -> resolve(null, null, null)).hasMessageContaining("PGCONNECT_TIMEOUT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
  void everyLibpqSslModeMapsToTheSameDriverMode(String mode) throws Exception {
    Path ca = Files.writeString(home.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    env.putAll(Map.of("PGHOST", "h", "PGDATABASE", "d", "PGSSLMODE", mode.toUpperCase()));
    assertThat(((ConnectionResolver.Server) resolve(null, "u", null)).jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d?sslmode=" + mode);
    env.put("PGSSLROOTCERT", ca.toString());
    String expected = mode.equals("require") ? "verify-ca" : mode;
    assertThat(((ConnectionResolver.Server) resolve(null, "u", null)).jdbcUrl())
        .as("libpq: require with a root certificate verifies the CA")
        .isEqualTo("jdbc:postgresql://h:5432/d?sslmode=" + expected + "&sslrootcert="
            + java.net.URLEncoder.encode(ca.toString(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void urlSslParametersWinOverPgVariablesWhichFillTheRest() throws Exception {
    Path ca = Files.writeString(home.resolve("ca.pem"), "x");
    env.putAll(Map.of("PGSSLMODE", "disable", "PGSSLROOTCERT", ca.toString(),
        "PGSSLCERT", "/c/client.crt", "PGSSLKEY", "/c/client.pk8", "PGCONNECT_TIMEOUT", "7"));
    String url = server("jdbc:postgresql://h/d?sslmode=verify-full", "u").jdbcUrl();
    assertThat(url).startsWith("jdbc:postgresql://h:5432/d?sslmode=verify-full&sslrootcert=")
        .contains("&sslcert=%2Fc%2Fclient.crt&sslkey=%2Fc%2Fclient.pk8&connectTimeout=7");
  }

  @Test
  void requireUsesTheDefaultRootCertificateWhenThereIsOne() throws Exception {
    env.putAll(Map.of("PGHOST", "h", "PGDATABASE", "d", "PGSSLMODE", "require"));
    assertThat(((ConnectionResolver.Server) resolve(null, "u", null)).jdbcUrl()).endsWith("sslmode=require");
    Files.createDirectories(home.resolve(".postgresql"));
    Files.writeString(home.resolve(".postgresql/root.crt"), "x");
    assertThat(((ConnectionResolver.Server) resolve(null, "u", null)).jdbcUrl()).endsWith("sslmode=verify-ca");
  }

  @Test
  void verifyingWithAMissingRootCertificateIsRefusedEarly() {
    env.putAll(Map.of("PGHOST", "h", "PGSSLMODE", "verify-full", "PGSSLROOTCERT", "/nowhere/ca.pem"));
    assertThatThrownBy(() -> resolve(null, "u", null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("/nowhere/ca.pem");
  }

  @Test
  void systemRootCertificateMeansJavaTrustStoreAndVerifyFull() {
    env.putAll(Map.of("PGHOST", "h", "PGDATABASE", "d", "PGSSLROOTCERT", "system"));
    assertThat(((ConnectionResolver.Server) resolve(null, "u", null)).jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d?sslmode=verify-full"
            + "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
    env.put("PGSSLMODE", "require");
    assertThatThrownBy(() -> resolve(null, "u", null)).hasMessageContaining("verify-full");
  }

  @Test
  void pgPasswordComesFirst() throws Exception {
    writePgPass("*:*:*:*:from-file");
    env.put("PGPASSWORD", "from-env");
    assertThat(password("h", "u", p -> fail())).containsExactly("from-env".toCharArray());
  }

  @Test
  void pgPassMatchesHostPortDatabaseAndUser() throws Exception {
    writePgPass("h:5432:d:alice:alices", "h:5432:d:*:anyone", "other:*:*:*:other");
    assertThat(password("h", "alice", p -> fail())).containsExactly("alices".toCharArray());
    assertThat(password("h", "bob", p -> fail())).containsExactly("anyone".toCharArray());
    assertThat(password("other", "bob", p -> fail())).containsExactly("other".toCharArray());
  }

  @Test
  void pgPassFileVariableNamesAnotherFile() throws Exception {
    writePgPass("*:*:*:*:home-file");
    Path other = home.resolve("elsewhere");
    Files.writeString(other, "*:*:*:*:other-file\n");
    Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
    env.put("PGPASSFILE", other.toString());
    assertThat(password("h", "u", p -> fail())).containsExactly("other-file".toCharArray());
  }

  @Test
  void promptIsAskedLastAndNamesTheLogin() {
    List<String> prompts = new ArrayList<>();
    char[] typed = password("h", "alice", p -> {
      prompts.add(p);
      return "typed".toCharArray();
    });
    assertThat(typed).containsExactly("typed".toCharArray());
    assertThat(prompts).containsExactly("Password for alice@h:5432/d: ");
  }

  @Test
  void noPasswordAndNoTerminalIsExitFiveWithASentence() {
    assertThatThrownBy(() -> password("h", "alice", PasswordPrompt.NONE))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("PGPASSWORD")
        .hasMessageContaining(".pgpass")
        .satisfies(e -> assertThat(((CreditdeskException) e).exitCode()).isEqualTo(5));
  }

  @Test
  void settingsCarryUrlUserAndPasswordButToStringHidesIt() {
    env.put("PGPASSWORD", "s3cret-pw");
    ConnectionSettings settings = resolver().settings(
        server("jdbc:postgresql://h/d?sslmode=verify-full&sslrootcert=system", "alice"),
        PasswordPrompt.NONE, warnings::add);
    assertThat(settings.user()).isEqualTo("alice");
    assertThat(settings.jdbcProperties().getProperty("password")).isEqualTo("s3cret-pw");
    assertThat(settings.toString()).doesNotContain("s3cret-pw").doesNotContain("sslfactory");
    assertThat(settings.embedded()).isFalse();
  }

  @Test
  void theConsoleFindsStoredPasswordsForTheLoginTypedInItsWindow() throws Exception {
    writePgPass("h:5432:d:alice:alices", "h:5432:other:bob:wrong-database");
    StoredPasswords stored =
        resolver().storedPasswords(server("jdbc:postgresql://h/d", null), warnings::add);
    assertThat(stored.find("alice")).hasValueSatisfying(
        p -> assertThat(p).containsExactly("alices".toCharArray()));
    assertThat(stored.find("bob")).isEmpty();
    env.put("PGPASSWORD", "from-env");
    StoredPasswords fromEnv =
        resolver().storedPasswords(server("jdbc:postgresql://h/d", null), warnings::add);
    assertThat(fromEnv.find("bob")).hasValueSatisfying(
        p -> assertThat(p).containsExactly("from-env".toCharArray()));
  }

  private char[] password(String host, String user, PasswordPrompt prompt) {
    return resolver().password(host, 5432, "d", user, prompt, warnings::add);
  }

  private void writePgPass(String... lines) throws Exception {
    Path file = home.resolve(".pgpass");
    Files.writeString(file, String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private static char[] fail() {
    throw new AssertionError("the prompt must not be asked");
  }
}
