package creditdesk.bench;

import creditdesk.db.DemoData;
import creditdesk.domain.StaffRole;
import creditdesk.service.staff.StaffService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Before the sections: the data at the sizes asked for, the bench admin, the heavy user. */
final class BenchData {
  private final BenchContext ctx;

  BenchData(BenchContext ctx) {
    this.ctx = ctx;
  }

  void prepare() throws SQLException {
    BenchmarkRunner.Options options = ctx.options();
    long users = ctx.count("SELECT count(*) FROM public.\"User\"");
    long rows = ctx.count("SELECT count(*) FROM public.\"CreditTransaction\"");
    if (users < options.users()) {
      // Tops up to the sizes asked for, so a kept database is reused and only extended.
      long moreRows = Math.max(0, options.ledgerRows() - rows);
      ctx.log(String.format("Generating %,d users and %,d ledger rows…", options.users() - users,
          moreRows));
      DemoData.Summary s = DemoData.generate(ctx.withoutReadTimeout(),
          new DemoData.Size((int) (options.users() - users), moreRows, 12), 7L);
      ctx.log(String.format("Generated %,d users, %,d rows in %s", s.users(), s.ledgerRows(),
          s.elapsed()));
      try (Connection c = ctx.withoutReadTimeout().getConnection();
          Statement st = c.createStatement()) {
        st.execute("VACUUM ANALYZE public.\"CreditTransaction\"");
      }
    } else {
      ctx.log(String.format("Reusing the data there: %,d users, %,d ledger rows", users, rows));
    }
    if (ctx.count("SELECT count(*) FROM pg_roles WHERE rolname = '" + BenchContext.BENCH_LOGIN
        + "'") == 0) {
      new StaffService(ctx.owner()).add(BenchContext.BENCH_LOGIN, StaffRole.ADMIN,
          ctx.adminPassword());
    }
    if (ctx.heavyUser() == null) {
      ctx.log(String.format("Adding a heavy user with %,d ledger rows…", options.historyRows()));
      ctx.execute("WITH u AS (INSERT INTO public.\"User\" (email, name, free_credits)"
          + " VALUES ('" + BenchContext.HEAVY_EMAIL + "', 'Bench Heavy', 1000000) RETURNING id)"
          + " INSERT INTO public.\"CreditTransaction\" (user_id, amount, operation, feature_type,"
          + " metadata, created_at)"
          + " SELECT u.id, 1, 'deduct', 'chat_tool_call', '{\"documentType\":\"bench\"}',"
          + " (now() AT TIME ZONE 'UTC') - make_interval(secs => g)"
          + " FROM u, generate_series(1, " + options.historyRows() + ") g");
      ctx.execute("ANALYZE public.\"User\"");
      ctx.execute("ANALYZE public.\"CreditTransaction\"");
    }
  }
}
