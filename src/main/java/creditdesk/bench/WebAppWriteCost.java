package creditdesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What creditdesk's triggers cost the web app per statement: its exact ledger INSERT and balance
 * UPDATE, each its own autocommit statement as the web app sends them, with the creditdesk
 * triggers enabled, beside the same statements while the owner has that one trigger disabled
 * (re-enabled at once after). Once as an ordinary login in no creditdesk group (the usual web
 * app) and once as the owner's own session (a superuser on the embedded database, which the
 * check must also settle quickly). synchronous_commit is off in that session so that the
 * figure is the statements' work, not the disk's flush. The rows go to scratch users that are
 * deleted afterwards (their ledger rows go with them, as on erasure).
 */
final class WebAppWriteCost implements BenchSection {
  static final String NAME = "web-app writes with creditdesk triggers";
  /** Plays the web app's own login: no creditdesk group, no superuser, no password (never logs in). */
  private static final String BENCH_WEBAPP = "bench_webapp";
  private final BenchContext ctx;
  private final BenchmarkRunner.Options options;
  private final DataSource owner;

  WebAppWriteCost(BenchContext ctx) {
    this.ctx = ctx;
    this.options = ctx.options();
    this.owner = ctx.owner();
  }

  @Override
  public List<Measurement> run() throws Exception {
    boolean superuser = ctx.count("SELECT count(*) FROM pg_roles WHERE rolname = current_user"
        + " AND rolsuper") > 0;
    if (superuser) {
      if (ctx.count("SELECT count(*) FROM pg_roles WHERE rolname = '" + BENCH_WEBAPP + "'") == 0) {
        ctx.execute("CREATE ROLE " + BENCH_WEBAPP + " NOLOGIN");
      }
      ctx.execute("GRANT SELECT, INSERT, UPDATE ON public.\"User\", public.\"CreditTransaction\" TO "
          + BENCH_WEBAPP);
    }
    ctx.execute("DELETE FROM public.\"User\" WHERE email LIKE 'bench.trigger.%@example.com'");
    ctx.execute("INSERT INTO public.\"User\" (email, name, free_credits)"
        + " SELECT 'bench.trigger.' || g || '@example.com', 'Bench Trigger', 100000000"
        + " FROM generate_series(1, 100) g");
    List<UUID> users = ctx.ids(
        "SELECT id FROM public.\"User\""
        + " WHERE email LIKE 'bench.trigger.%@example.com'");
    List<Measurement> out = new ArrayList<>();
    try {
      List<String> sessions = new ArrayList<>();
      if (superuser) {
        sessions.add(BENCH_WEBAPP);
      }
      sessions.add(null);
      for (String session : sessions) {
        String who = session == null ? "as the owner" + (superuser ? " (superuser)" : "")
            : "as an ordinary web-app login";
        for (boolean ledger : new boolean[] {true, false}) {
          webAppStatements(users, session, ledger, true); // warm-up
          double[] with = new double[options.repetitions()];
          double[] without = new double[options.repetitions()];
          for (int i = 0; i < with.length; i++) { // interleaved, so load changes hit both alike
            with[i] = webAppStatements(users, session, ledger, true);
            without[i] = webAppStatements(users, session, ledger, false);
          }
          out.add(new Measurement(
              (ledger ? "web-app ledger insert" : "web-app balance update")
                  + " with creditdesk triggers vs without, " + who, "µs/statement",
              Measurement.median(with), Measurement.median(without),
              "baseline: the same " + String.format("%,d", options.triggerRows())
                  + " autocommit statements with the creditdesk " + (ledger ? "ledger" : "audit")
                  + " trigger disabled; ratio < 1 is the triggers' cost"));
        }
      }
    } finally {
      ctx.execute("DELETE FROM public.\"User\" WHERE email LIKE 'bench.trigger.%@example.com'");
    }
    return out;
  }

  /** Microseconds per statement of one run of the web app's statements. */
  private double webAppStatements(List<UUID> users, String session, boolean ledger,
      boolean triggers) throws SQLException {
    String trigger = ledger
        ? "public.\"CreditTransaction\" %s TRIGGER creditdesk_ledger_actor"
        : "public.\"User\" %s TRIGGER creditdesk_balance_audit";
    if (!triggers) {
      ctx.execute("ALTER TABLE " + String.format(trigger, "DISABLE"));
    }
    try (Connection c = owner.getConnection()) {
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SET synchronous_commit = off");
          if (session != null) {
            s.execute("SET SESSION AUTHORIZATION " + session);
          }
        }
        // The web app's statements exactly (docs/shared-database.md, TestDatabase.webAppDeduct).
        try (PreparedStatement ps = c.prepareStatement(ledger
            ? "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
                + " VALUES (?, ?, 'deduct', ?::feature_type, '{\"documentType\":\"weekly_report\"}')"
            : "UPDATE \"User\" SET free_credits = free_credits - ? WHERE id = ? AND free_credits >= ?")) {
          long start = System.nanoTime();
          for (int i = 0; i < options.triggerRows(); i++) {
            UUID user = users.get(i % users.size());
            if (ledger) {
              ps.setObject(1, user);
              ps.setInt(2, 1);
              ps.setString(3, "document_generation");
            } else {
              ps.setInt(1, 1);
              ps.setObject(2, user);
              ps.setInt(3, 1);
            }
            ps.executeUpdate();
          }
          return (System.nanoTime() - start) / 1e3 / options.triggerRows();
        }
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("RESET SESSION AUTHORIZATION");
          s.execute("RESET synchronous_commit");
        }
      }
    } finally {
      if (!triggers) {
        ctx.execute("ALTER TABLE " + String.format(trigger, "ENABLE"));
      }
    }
  }
}
