package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassTest {
  @TempDir Path dir;

  @Test
  void firstMatchingLineWinsAndWildcardsMatchAnything() {
    String content = String.join("\n",
        "# a comment: db.example.com:5432:app:alice:commented",
        "db.example.com:5432:app:alice:exact",
        "db.example.com:*:*:alice:any-port-any-db",
        "*:*:*:*:fallback",
        "");
    assertThat(PgPass.find(content, "db.example.com", "5432", "app", "alice")).hasValue("exact");
    assertThat(PgPass.find(content, "db.example.com", "6543", "other", "alice"))
        .hasValue("any-port-any-db");
    assertThat(PgPass.find(content, "elsewhere", "5432", "app", "bob")).hasValue("fallback");
  }

  @Test
  void fieldsMustMatchExactlyNotAsPrefix() {
    String content = "db:5432:app:alice:one\n";
    assertThat(PgPass.find(content, "db", "5432", "app", "alic")).isEmpty();
    assertThat(PgPass.find(content, "db", "5432", "ap", "alice")).isEmpty();
    assertThat(PgPass.find(content, "db", "54321", "app", "alice")).isEmpty();
    assertThat(PgPass.find(content, "DB", "5432", "app", "alice")).isEmpty();
  }

  @Test
  void backslashEscapesColonsAndBackslashesInFieldsAndPassword() {
    String content = String.join("\n",
        "::1:5432:app:alice:not-this-one-the-ipv6-colons-are-unescaped",
        "\\:\\:1:5432:we\\:ird\\\\db:alice:pa\\:ss\\\\word:ignored-after-colon",
        "");
    assertThat(PgPass.find(content, "::1", "5432", "we:ird\\db", "alice")).hasValue("pa:ss\\word");
  }

  @Test
  void windowsLineEndsAndStarInsideAFieldIsLiteral() {
    String content = "db*:5432:app:alice:literal-star\r\nhost:5432:app:alice:crlf\r\n";
    assertThat(PgPass.find(content, "host", "5432", "app", "alice")).hasValue("crlf");
    assertThat(PgPass.find(content, "dbx", "5432", "app", "alice")).isEmpty();
    assertThat(PgPass.find(content, "db*", "5432", "app", "alice")).hasValue("literal-star");
  }

  @Test
  void lineWithTooFewFieldsNeverMatches() {
    assertThat(PgPass.find("db:5432:app\n*:*\n", "db", "5432", "app", "alice")).isEmpty();
  }

  @Test
  void fileReadableByOthersIsIgnoredWithAWarning() throws Exception {
    Path file = dir.resolve("pgpass");
    Files.writeString(file, "*:*:*:*:secret\n");
    List<String> warnings = new ArrayList<>();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(PgPass.lookup(file, "h", "5432", "d", "u", warnings::add)).hasValue("secret");
    assertThat(warnings).isEmpty();

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(PgPass.lookup(file, "h", "5432", "d", "u", warnings::add)).isEmpty();
    assertThat(warnings).singleElement().asString().contains("chmod 600").doesNotContain("secret");
  }

  @Test
  void missingFileIsNoPasswordAndNoWarning() {
    List<String> warnings = new ArrayList<>();
    assertThat(PgPass.lookup(dir.resolve("absent"), "h", "5432", "d", "u", warnings::add)).isEmpty();
    assertThat(PgPass.lookup(dir, "h", "5432", "d", "u", warnings::add)).isEmpty();
    assertThat(warnings).singleElement().asString().contains("not a plain file");
  }
}
