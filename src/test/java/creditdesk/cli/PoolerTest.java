package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import creditdesk.db.ConnectionSettings;
import creditdesk.domain.StaffRole;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.user.UserDetailService;
import creditdesk.testing.PgBouncer;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything through Debian's PgBouncer in transaction pooling mode, where each transaction may
 * run on another server session: no server-side prepared statement, SET or other session state
 * may be relied on from one transaction to the next.
 */
class PoolerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path dir;

  private final TestDatabase db = TestPostgres.newDatabase();
  private final String admin = db.createStaff(StaffRole.ADMIN);
  private final String support = db.createStaff(StaffRole.SUPPORT);
  private final String analyst = db.createStaff(StaffRole.ANALYST);
  private PgBouncer bouncer;

  @BeforeEach
  void start() {
    assumeTrue(Files.isExecutable(PgBouncer.BINARY),
        PgBouncer.BINARY + " is absent: install Debian's pgbouncer package (.ci/run does)");
    bouncer = PgBouncer.start(TestPostgres.cluster().port(),
        List.of(admin, support, analyst, "postgres"));
  }

  @AfterEach
  void stop() {
    if (bouncer != null) {
      bouncer.close();
    }
  }

  private CliRunner.Result as(String login, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--db-url";
    all[args.length + 1] = bouncer.through(db.jdbcUrl());
    all[args.length + 2] = "--db-user";
    all[args.length + 3] = login;
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).run(all);
  }

  @Test
  void commandsWorkThroughATransactionPooler() throws Exception {
    UUID user = db.insertUser("pooled@example.com", 10, 20);
    UUID deduction = db.webAppDeduct(user, "document_generation", 2);

    CliRunner.Result grant = as(admin, "grant", "--user", "pooled@example.com", "--amount", "5",
        "--feature", "document_generation", "--reason", "through the pooler", "--json");
    assertThat(grant.exitCode()).as(grant.err() + bouncer.log()).isZero();
    assertThat(JSON.readTree(grant.out()).get("balanceAfter").asInt()).isEqualTo(13);

    CliRunner.Result refund = as(admin, "refund", "--transaction", deduction.toString(),
        "--reason", "failed generation");
    assertThat(refund.exitCode()).as(refund.err()).isZero();
    assertThat(db.balance(user, "free_credits")).isEqualTo(15);

    Path out = dir.resolve("ledger.csv");
    CliRunner.Result export = as(analyst, "export", "--from", "2000-01-01", "--to", "2100-01-01",
        "--out", out.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(4);

    CliRunner.Result doctor = as(support, "doctor");
    assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
    assertThat(doctor.out()).containsIgnoringCase("pooler");

    CliRunner.Result migrate = as("postgres", "migrate");
    assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(2);
    assertThat(migrate.errLines()).singleElement().asString().contains("direct connection");

    CliRunner.Result staff = as("postgres", "staff", "list", "--json");
    assertThat(staff.exitCode()).as(staff.err()).isZero();
    JsonNode list = JSON.readTree(staff.out());
    assertThat(list.toString()).contains(admin, support, analyst);
  }

  @Test
  void aLongLivedSessionRepeatsItsStatementsThroughThePooler() throws Exception {
    UUID user = db.insertUser("repeat@example.com", 10, 20);
    for (int i = 0; i < 5; i++) {
      db.webAppDeduct(user, "chat_message", 1);
    }
    try (StaffSession session = new LoginService().login(
        new ConnectionSettings(bouncer.through(db.jdbcUrl()), support,
            TestDatabase.STAFF_PASSWORD.toCharArray(), false))) {
      HistoryService history = new HistoryService(session.sessionFactory());
      UserSearchService search = new UserSearchService(session.sessionFactory());
      UserDetailService detail = new UserDetailService(session.sessionFactory());
      // The same statements many times in one pool, from as many threads as it has connections,
      // so that transactions move between server sessions: with server-side prepared statements
      // one fails with "prepared statement S_1 already exists" (or "does not exist").
      ExecutorService threads = Executors.newFixedThreadPool(LoginService.POOL_SIZE);
      try {
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < LoginService.POOL_SIZE; t++) {
          runs.add(threads.submit(() -> {
            for (int i = 0; i < 30; i++) {
              assertThat(history.page(user, HistoryFilter.NONE, null, 100).entries()).hasSize(5);
              assertThat(search.search("repeat@", 0).users()).hasSize(1);
              assertThat(detail.load(user).email()).isEqualTo("repeat@example.com");
            }
            return null;
          }));
        }
        for (Future<?> run : runs) {
          run.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }
}
