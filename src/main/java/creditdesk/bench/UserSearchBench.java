package creditdesk.bench;

import creditdesk.service.search.UserSearchService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** User search by email fragment, name fragment and exact id, beside a sequential ILIKE scan. */
final class UserSearchBench implements BenchSection {
  private final BenchContext ctx;
  private final UserSearchService search;
  private final DataSource staff;

  UserSearchBench(BenchContext ctx, UserSearchService search, DataSource staff) {
    this.ctx = ctx;
    this.search = search;
    this.staff = staff;
  }

  @Override
  public List<Measurement> run() throws Exception {
    List<Measurement> out = new ArrayList<>();
    String emailFragment = ctx.sample("SELECT substr(email, 3, 6) FROM public.\"User\""
        + " WHERE length(email) > 10 ORDER BY id LIMIT 1 OFFSET 17");
    String nameFragment = ctx.sample("SELECT substr(name, 2, 5) FROM public.\"User\""
        + " WHERE length(name) > 8 ORDER BY id LIMIT 1 OFFSET 23");
    String id = ctx.sample("SELECT id::text FROM public.\"User\" ORDER BY id LIMIT 1 OFFSET 31");
    for (String[] q : new String[][] {
        {"user search: email fragment \"" + emailFragment + "\"", emailFragment},
        {"user search: name fragment \"" + nameFragment + "\"", nameFragment},
        {"user search: exact id", id}}) {
      double[] ours = ctx.time(() -> search.search(q[1], 0));
      double[] plain = ctx.time(() -> plainScan(staff, q[1]));
      out.add(new Measurement(q[0], "ms", Measurement.median(ours), Measurement.median(plain),
          "baseline: ILIKE '%…%' on email, name and id text, sequential scan"));
    }
    return out;
  }

  /** The naive query a console without indexes would run. */
  private static void plainScan(DataSource staff, String text) throws SQLException {
    try (Connection c = staff.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_indexscan = off");
        s.execute("SET LOCAL enable_bitmapscan = off");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, email, name, level, status, free_credits, free_chat_messages"
              + " FROM public.\"User\" WHERE email ILIKE ? OR name ILIKE ? OR id::text ILIKE ?"
              + " ORDER BY email LIMIT 51")) {
        String p = "%" + UserSearchService.escapeLike(text) + "%";
        ps.setString(1, p);
        ps.setString(2, p);
        ps.setString(3, p);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getString(2);
          }
        }
      }
      c.rollback();
    }
  }
}
