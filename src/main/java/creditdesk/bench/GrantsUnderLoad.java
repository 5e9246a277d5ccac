package creditdesk.bench;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionSettings;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Grant throughput and p99 with admins racing web-app deductions, vs bare JDBC doing the same. */
final class GrantsUnderLoad implements BenchSection {
  private final BenchContext ctx;
  private final BenchmarkRunner.Options options;
  private final ConnectionSettings ownerSettings;

  GrantsUnderLoad(BenchContext ctx) {
    this.ctx = ctx;
    this.options = ctx.options();
    this.ownerSettings = ctx.ownerSettings();
  }

  @Override
  public List<Measurement> run() throws Exception {
    List<UUID> users = ctx.ids(
        "SELECT id FROM public.\"User\" WHERE level = 'free'"
        + " AND free_credits IS NOT NULL ORDER BY id LIMIT 16");
    ConnectionSettings admin = ctx.admin();
    double[] ours;
    double[] bare;
    try (HikariDataSource pool = Pools.open(admin, "bench-grants", options.admins())) {
      AdjustmentService service = new AdjustmentService(pool);
      String run = UUID.randomUUID().toString();
      ours = concurrentGrants(users, i -> service.apply(AdjustmentRequest.grant(
          users.get(i % users.size()), FeatureType.CHAT_TOOL_CALL, 1, "benchmark grant", null,
          run + "-" + i)));
    }
    try (HikariDataSource pool = Pools.open(ownerSettings, "bench-bare", options.admins())) {
      bare = concurrentGrants(users, i -> bareGrant(pool, users.get(i % users.size())));
    }
    double seconds = options.grantSeconds();
    List<Measurement> out = new ArrayList<>();
    out.add(new Measurement(
        "grant throughput (" + options.admins() + " admins, " + options.webAppThreads()
            + " web-app deductions)", "grants/s", ours.length / seconds, bare.length / seconds,
        "baseline: bare UPDATE + INSERT over plain JDBC; for a rate, ratio > 1 means the baseline does more"));
    out.add(new Measurement("grant latency p99", "ms", Measurement.percentile(ours, 99),
        Measurement.percentile(bare, 99), "same run"));
    out.add(new Measurement("grant latency median", "ms", Measurement.median(ours),
        Measurement.median(bare), "same run"));
    return out;
  }

  private interface Grant {
    void apply(int i) throws Exception;
  }

  private double[] concurrentGrants(List<UUID> users, Grant grant) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(options.admins() + options.webAppThreads());
    long end = System.nanoTime() + options.grantSeconds() * 1_000_000_000L;
    AtomicLong counter = new AtomicLong();
    List<Future<List<Double>>> admins = new ArrayList<>();
    List<Future<?>> webApp = new ArrayList<>();
    try (HikariDataSource web = Pools.open(ownerSettings, "bench-webapp", options.webAppThreads())) {
      for (int w = 0; w < options.webAppThreads(); w++) {
        int seed = w;
        webApp.add(threads.submit(() -> {
          try (Connection c = web.getConnection();
              PreparedStatement ps = c.prepareStatement(
                  "UPDATE public.\"User\" SET free_credits = free_credits - 1"
                      + " WHERE id = ? AND free_credits >= 1 RETURNING free_credits")) {
            int n = seed;
            while (System.nanoTime() < end) {
              ps.setObject(1, users.get(n++ % users.size()));
              ps.executeQuery().close();
            }
          }
          return null;
        }));
      }
      for (int a = 0; a < options.admins(); a++) {
        admins.add(threads.submit(() -> {
          List<Double> latencies = new ArrayList<>();
          while (System.nanoTime() < end) {
            long t = System.nanoTime();
            grant.apply((int) counter.getAndIncrement());
            latencies.add((System.nanoTime() - t) / 1e6);
          }
          return latencies;
        }));
      }
      List<Double> all = new ArrayList<>();
      for (Future<List<Double>> f : admins) {
        all.addAll(f.get());
      }
      for (Future<?> f : webApp) {
        f.get();
      }
      return all.stream().mapToDouble(Double::doubleValue).toArray();
    } finally {
      threads.shutdownNow();
    }
  }

  private static void bareGrant(DataSource ds, UUID user) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement(
              "UPDATE public.\"User\" SET free_credits = COALESCE(free_credits, 0) + 1 WHERE id = ?");
          PreparedStatement in = c.prepareStatement(
              "INSERT INTO public.\"CreditTransaction\" (user_id, amount, operation, feature_type,"
                  + " metadata) VALUES (?, 1, 'grant', 'chat_tool_call', '{\"source\":\"bare\"}')")) {
        up.setObject(1, user);
        up.executeUpdate();
        in.setObject(1, user);
        in.executeUpdate();
      }
      c.commit();
    }
  }

}
