package creditdesk.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production-shaped demo and benchmark data, generated inside PostgreSQL with set-based SQL.
 *
 * <p>The data is made the way the web app makes it (docs/shared-database.md, "How the web app
 * writes"): users start with the column defaults, deductions only happen when the balance covers
 * them and never for paid or demo users, failed operations are refunded, and the ledger is incomplete in
 * the two ways production's is: some deductions lost their ledger row, and refunds were not logged
 * before the web app started logging them (and a few not after). Every final balance is exactly
 * {@code start + grants + refunds - deductions}, logged or not, and never negative; the ledger's
 * own running balance per user never goes negative either.
 *
 * <p>Everything except the row ids is a pure function of the seed and the anchor time, so a seed
 * reproduces the same data. It all runs in one transaction as the database owner.
 */
public final class DemoData {
  /** The web app's column defaults, which every non-legacy user started with. */
  public static final int START_CREDITS = 10;

  public static final int START_CHAT_MESSAGES = 20;

  /** The seed {@link #loadIfEmpty} uses, so every fresh install shows the same people. */
  public static final long DEFAULT_SEED = 20_240_601L;

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /**
   * Candidate actions per ledger row wanted: some actions are never charged (paid users, legacy
   * NULL balances, users who ran out), measured on the demo and benchmark sizes.
   */
  private static final double CANDIDATES_PER_ROW = 1.11;

  private static final SecureRandom RUN_NONCE = new SecureRandom();

  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private DemoData() {}

  /** How much to generate: users, about this many ledger rows, spread over the last months. */
  public record Size(int users, long ledgerRows, int months) {
    /** The embedded default's demo data. */
    public static final Size DEMO = new Size(5_000, 200_000, 12);

    /** The benchmark size. */
    public static final Size BENCHMARK = new Size(1_000_000, 10_000_000, 12);

    public Size {
      if (users < 1 || users > 50_000_000) {
        throw new IllegalArgumentException("users must be 1 to 50,000,000: " + users);
      }
      if (ledgerRows < 0 || ledgerRows > 1_000_000_000L) {
        throw new IllegalArgumentException("ledgerRows must be 0 to 1,000,000,000: " + ledgerRows);
      }
      if (months < 1 || months > 120) {
        throw new IllegalArgumentException("months must be 1 to 120: " + months);
      }
    }
  }

  /** What was generated and how long it took. */
  public record Summary(long users, long ledgerRows, Duration elapsed) {}

  /**
   * Loads the demo size (seed {@link #DEFAULT_SEED}) if "User" has no rows. Safe to call on every
   * start: a concurrent or repeated call does nothing, an interrupted one leaves nothing behind.
   *
   * @return true when demo data was loaded
   */
  public static boolean loadIfEmpty(DataSource owner) {
    return loadIfEmpty(owner, Size.DEMO, DEFAULT_SEED);
  }

  /** True while "User" has no rows: the first start, before demo data. */
  public static boolean isEmpty(DataSource owner) {
    try (Connection c = owner.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM public.\"User\")")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the demo database: " + e.getMessage(), e);
    }
  }

  static boolean loadIfEmpty(DataSource owner, Size size, long seed) {
    Summary summary = run(owner, size, seed, defaultAnchor(), true);
    return summary != null;
  }

  /** Generates {@code size} more users with their ledger, whatever is already there. */
  public static Summary generate(DataSource owner, Size size, long seed) {
    return generate(owner, size, seed, defaultAnchor());
  }

  /**
   * As {@link #generate(DataSource, Size, long)}, with all timestamps before {@code until} (UTC,
   * without time zone): the same seed and anchor give the same data.
   */
  public static Summary generate(DataSource owner, Size size, long seed, LocalDateTime until) {
    return run(owner, size, seed, until.truncatedTo(ChronoUnit.SECONDS), false);
  }

  /** The start of the current hour in UTC: stable across a run, and never in the future. */
  private static LocalDateTime defaultAnchor() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
  }

  private static Summary run(
      DataSource owner, Size size, long seed, LocalDateTime anchor, boolean onlyIfEmpty) {
    long started = System.nanoTime();
    long users;
    long rows;
    try (Connection c = owner.getConnection()) {
      tryRaiseTempBuffers(c);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // One loader at a time; the emptiness check and the load are one transaction.
        s.execute("SELECT pg_advisory_xact_lock(hashtext('creditdesk.demo_data'))");
        if (onlyIfEmpty && exists(s, "SELECT EXISTS (SELECT 1 FROM public.\"User\")")) {
          c.rollback();
          return null;
        }
        // A deliberate bulk load by the owner: no per-statement limit, room to sort in memory.
        s.execute("SET LOCAL statement_timeout = 0");
        s.execute("SET LOCAL work_mem = '256MB'");
        s.execute("SET LOCAL search_path = public, pg_temp");
        long candidates = Math.round(size.ledgerRows() * CANDIDATES_PER_ROW);
        step(s, "functions", functions(seed, RUN_NONCE.nextLong()));
        step(
            s,
            "parameters",
            String.format(
                Locale.ROOT,
                PARAMETERS,
                seed,
                size.users(),
                candidates,
                size.months(),
                SQL_TIMESTAMP.format(anchor)));
        step(s, "users", USERS);
        step(s, "actions", ACTIONS);
        step(s, "grants", GRANTS);
        step(s, "ledger", LEDGER);
        users = step(s, "insert users", INSERT_USERS);
        rows = 0;
        for (String batch : batches(s)) {
          rows += step(s, "insert ledger " + batch, INSERT_LEDGER.formatted(batch));
        }
        step(s, "analyze", "ANALYZE public.\"User\", public.\"CreditTransaction\"");
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not generate demo data: " + e.getMessage(), e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "Demo data: {} users and {} ledger rows over {} months (seed {}) in {} ms",
        users,
        rows,
        size.months(),
        seed,
        elapsed.toMillis());
    return new Summary(users, rows, elapsed);
  }

  /** Temp tables of a large run spill less with more local buffers; only possible before use. */
  private static void tryRaiseTempBuffers(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("SET temp_buffers = '256MB'");
    } catch (SQLException e) {
      LOG.debug("temp_buffers unchanged: {}", e.getMessage());
    }
  }

  private static boolean exists(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static long step(Statement s, String name, String sql) throws SQLException {
    long t = System.nanoTime();
    s.execute(sql);
    long count = Math.max(0, s.getUpdateCount());
    LOG.debug("demo data {}: {} rows in {} ms", name, count, (System.nanoTime() - t) / 1_000_000);
    return count;
  }

  /** Month-sized slices of the ledger, so a large insert reports progress and keeps memory flat. */
  private static List<String> batches(Statement s) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery("SELECT DISTINCT batch FROM demo_tx WHERE logged ORDER BY 1")) {
      while (rs.next()) {
        out.add(Integer.toString(rs.getInt(1)));
      }
    }
    return out;
  }

  private static String functions(long seed, long nonce) {
    // Uniform [0,1) from (a, b, salt): a hash, not random(), so that a seed reproduces the data
    // whatever order PostgreSQL evaluates rows in. Row ids hash a per-run nonce instead (faster
    // than gen_random_uuid(), still unique across runs), shaped as version-4 UUIDs like the web
    // app's.
    return String.format(
        Locale.ROOT,
        """
        CREATE OR REPLACE FUNCTION pg_temp.rnd(a bigint, b bigint, salt integer)
          RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$ SELECT (hashint8extended(b, hashint8extended(a, %1$d::bigint # (salt::bigint << 40)))
                         & 9007199254740991)::double precision / 9007199254740992.0 $f$;
        CREATE OR REPLACE FUNCTION pg_temp.gauss(a bigint, b bigint, salt integer)
          RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$ SELECT sqrt(-2 * ln(1 - pg_temp.rnd(a, b, salt)))
                        * cos(2 * pi() * pg_temp.rnd(a, b, salt + 1000)) $f$;
        CREATE OR REPLACE FUNCTION pg_temp.v4(h text, b bigint)
          RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$ SELECT overlay(overlay(h PLACING '4' FROM 13 FOR 1)
                                PLACING substr('89ab', 1 + ((b %% 4 + 4) %% 4)::integer, 1) FROM 17 FOR 1)::uuid $f$;
        CREATE OR REPLACE FUNCTION pg_temp.uid(a bigint, b bigint, salt integer)
          RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$ SELECT pg_temp.v4(md5(%1$d || ':' || a || ':' || b || ':' || salt), b) $f$;
        CREATE OR REPLACE FUNCTION pg_temp.row_id(a bigint, b bigint)
          RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE
          AS $f$ SELECT pg_temp.v4(md5('%2$d:' || a || ':' || b), a + b) $f$;
        CREATE OR REPLACE FUNCTION pg_temp.pick(items text[], r double precision)
          RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$ SELECT items[1 + floor(r * cardinality(items))::integer] $f$;
        CREATE OR REPLACE FUNCTION pg_temp.first_name(r double precision)
          RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$ SELECT pg_temp.pick(ARRAY[
            'Emma','Liam','Olivia','Noah','Ava','Elijah','Sophia','Lucas','Mia','Mateo','Amelia',
            'Leo','Harper','Ethan','Isabella','James','Charlotte','Benjamin','Luna','Daniel','Chloe',
            'Henry','Zoë','Samuel','Nora','David','Hannah','Jakob','Lena','Felix','Marie','Lukas',
            'Anna','Jonas','Sofia','Paul','Léa','Hugo','Chiara','Matteo','Giulia','Alejandro',
            'Lucía','Pablo','Inés','João','Beatriz','Arjun','Priya','Rahul','Ananya','Wei','Mei',
            'Hiroshi','Yuki','Min-jun','Ji-woo','Oluwaseun','Amara','Kwame','Fatima','Omar','Layla',
            'Youssef','Aisha','Mohammed','Sara','Ivan','Olga','Mikhail','Agnieszka','Piotr','Eva',
            'Tomás','Sven','Ingrid','Aino','Mateus','Valentina','Diego','Camila','Thanh','Rosa',
            'Kai','Maya','Noor','Elias','Clara','Theo','Oscar','Freya','Ruben','Julia','Michael',
            'Sarah','Chris','Laura','Alex'], r) $f$;
        CREATE OR REPLACE FUNCTION pg_temp.last_name(r double precision)
          RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$ SELECT pg_temp.pick(ARRAY[
            'Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez',
            'Martinez','Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore',
            'Jackson','Martin','Lee','Thompson','White','Harris','Clark','Lewis','Walker','Young',
            'Allen','King','Wright','Scott','Müller','Schmidt','Schneider','Fischer','Weber','Meyer',
            'Wagner','Becker','Hoffmann','Dubois','Durand','Lefèvre','Moreau','Rossi','Russo',
            'Ferrari','Bianchi','Romano','Silva','Santos','Oliveira','Pereira','Costa','Fernández',
            'Sánchez','Pérez','Gómez','Kowalski','Nowak','Novák','Jansen','de Vries','Bakker',
            'Visser','Andersson','Johansson','Nielsen','Hansen','Korhonen','Ivanov','Petrov','Kumar',
            'Sharma','Patel','Singh','Gupta','Chen','Wang','Zhang','Liu','Tanaka','Suzuki','Sato',
            'Kim','Park','Choi','Nguyen','Tran','Okafor','Mensah','Adeyemi','Haddad','Khalil',
            'Cohen','Levi','O''Brien','Murphy','Kelly','Byrne','MacDonald','Campbell'], r) $f$;
        CREATE OR REPLACE FUNCTION pg_temp.company_domain(r double precision)
          RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$ SELECT pg_temp.pick(ARRAY[
            'acme-corp.com','globex.io','initech.com','hooli.xyz','umbrella-labs.io',
            'northwind.dev','contoso.com','fabrikam.io','wayne-ent.com','stark-tech.io',
            'piedpiper.net','vandelay-industries.com','soylent.co','tyrell-corp.com','cyberdyne.io',
            'aperture-science.com','wonka-factory.com','bluthco.com','dundermifflin.com',
            'prestige-worldwide.co','oscorp.dev','massive-dynamic.com','gringotts.uk',
            'monsters-inc.io','duffbeer.de','stellar-analytics.ai','brightpath.io',
            'quantum-leap.dev','riverside-university.edu','hochschule-nord.de'], r) $f$;
        """,
        seed,
        nonce);
  }

  // The timeline, relative to the anchor ("now") for a 12-month window: users sign up over two
  // years, credits exist for 20 months and chat for 14 (older users may still have NULL balances),
  // the ledger covers the window, and refunds are logged only in its last third.
  private static final String PARAMETERS =
      """
      CREATE TEMP TABLE demo_param ON COMMIT DROP AS
      WITH t AS (
        SELECT %d::bigint AS seed, %d::integer AS users, %d::bigint AS candidates,
               %d::integer AS months, timestamp '%s' AS anchor
      ), w AS (
        SELECT t.*, t.anchor - make_interval(months => t.months) AS window_from,
               t.anchor - make_interval(months => greatest(24, 2 * t.months)) AS users_from
          FROM t
      )
      SELECT w.*,
             w.users_from + (w.anchor - w.users_from) * (4.0 / 24) AS credits_from,
             w.users_from + (w.anchor - w.users_from) * (6.0 / 24) AS tos_from,
             w.users_from + (w.anchor - w.users_from) * (10.0 / 24) AS chat_from,
             w.anchor - (w.anchor - w.window_from) / 3 AS refund_log_from,
             w.window_from + (w.anchor - w.window_from) * 0.38 AS promo_credits_at,
             w.window_from + (w.anchor - w.window_from) * 0.71 AS promo_chat_at,
             (SELECT range_agg(tsrange(s, s + interval '2 hours'
                                          + interval '5 hours' * pg_temp.rnd(k, 0, 91)))
                FROM (SELECT k, w.window_from + (w.anchor - w.window_from) * pg_temp.rnd(k, 0, 90) AS s
                        FROM generate_series(1, 3) AS k) AS i) AS incidents
        FROM w
      """;

  // One row per user with every attribute drawn from the hash, computed once (each layer is
  // materialized so that a draw is not evaluated again wherever it is used). n_actions is the
  // user's share of the candidate actions: log-normal, many users with few, a few with thousands.
  private static final String USERS =
      """
      CREATE TEMP TABLE demo_user ON COMMIT DROP AS
      WITH s AS MATERIALIZED (
        -- about 0.6% of users signed up a second time as the previous user (same person, same
        -- email, the other provider)
        SELECT i::bigint AS idx,
               i > 1 AND pg_temp.rnd(i, 0, 4) < 0.006 AND pg_temp.rnd(i - 1, 0, 4) >= 0.006 AS dup
          FROM demo_param p CROSS JOIN generate_series(1, p.users) AS i
      ), r AS MATERIALIZED (
        SELECT s.idx, s.dup, CASE WHEN s.dup THEN s.idx - 1 ELSE s.idx END AS src,
               p.anchor - (p.anchor - p.users_from) * power(pg_temp.rnd(s.idx, 0, 1), 1.5) AS created_at,
               pg_temp.rnd(s.idx, 0, 2) AS r_level,
               pg_temp.rnd(s.idx, 0, 3) AS r_status,
               pg_temp.rnd(s.idx, 0, 16) AS r_case,
               pg_temp.rnd(s.idx, 0, 20) AS r_status_at,
               pg_temp.rnd(s.idx, 0, 6) AS r_active,
               pg_temp.gauss(s.idx, 0, 7) AS z
          FROM s CROSS JOIN demo_param p
      ), c AS MATERIALIZED (
        SELECT r.*,
               pg_temp.first_name(pg_temp.rnd(r.src, 0, 10)) AS first_name,
               pg_temp.last_name(pg_temp.rnd(r.src, 0, 11)) AS last_name,
               pg_temp.rnd(r.src, 0, 12) AS r_pattern,
               pg_temp.rnd(r.src, 0, 13) AS r_domain,
               pg_temp.rnd(r.src, 0, 14) AS r_number,
               pg_temp.rnd(r.src, 0, 15) AS r_name,
               pg_temp.rnd(r.src, 0, 5) AS r_provider,
               CASE WHEN r.r_status < 0.025 THEN 'deleted'
                    WHEN r.r_status < 0.040 THEN 'banned'
                    ELSE 'active' END AS status,
               CASE WHEN r.r_level < 0.065 THEN 'paid'
                    WHEN r.r_level < 0.075 THEN 'demo'
                    WHEN r.r_level < 0.090 AND r.created_at < p.window_from THEN 'basic'
                    WHEN r.r_level < 0.100 AND r.created_at < p.window_from THEN 'pro'
                    ELSE 'free' END AS level
          FROM r CROSS JOIN demo_param p
      ), d AS MATERIALIZED (
        SELECT c.idx, c.dup, c.created_at, c.status, c.level, c.first_name, c.last_name, c.r_name,
               c.r_case, c.r_active, c.z, c.r_pattern, c.r_number,
               translate(replace(replace(lower(c.first_name), '''', ''), ' ', ''),
                         'áàâäãåçéèêëíìîïñóòôöõøúùûüýÿ', 'aaaaaaceeeeiiiinoooooouuuuyy') AS f,
               translate(replace(replace(lower(c.last_name), '''', ''), ' ', ''),
                         'áàâäãåçéèêëíìîïñóòôöõøúùûüýÿ', 'aaaaaaceeeeiiiinoooooouuuuyy') AS l,
               CASE WHEN c.r_provider < 0.55 THEN 'credentials'
                    WHEN c.r_provider < 0.90 THEN 'google'
                    ELSE 'github' END AS src_provider,
               CASE WHEN c.status <> 'active'
                    THEN c.created_at + (p.anchor - c.created_at) * c.r_status_at END AS status_at,
               CASE WHEN c.r_domain < 0.38 THEN 'gmail.com'
                    WHEN c.r_domain < 0.46 THEN 'outlook.com'
                    WHEN c.r_domain < 0.52 THEN 'hotmail.com'
                    WHEN c.r_domain < 0.58 THEN 'yahoo.com'
                    WHEN c.r_domain < 0.63 THEN 'icloud.com'
                    WHEN c.r_domain < 0.66 THEN 'proton.me'
                    WHEN c.r_domain < 0.68 THEN 'gmx.de'
                    WHEN c.r_domain < 0.695 THEN 'web.de'
                    ELSE pg_temp.company_domain((c.r_domain - 0.695) / 0.305) END AS domain
          FROM c CROSS JOIN demo_param p
      ), e AS MATERIALIZED (
        SELECT d.*,
               CASE WHEN d.dup THEN CASE WHEN d.src_provider = 'credentials' THEN 'google'
                                         ELSE 'credentials' END
                    ELSE d.src_provider END AS provider,
               CASE WHEN d.r_pattern < 0.30 THEN d.f || '.' || d.l
                    WHEN d.r_pattern < 0.42 THEN d.f || d.l
                    WHEN d.r_pattern < 0.52 THEN left(d.f, 1) || d.l
                    WHEN d.r_pattern < 0.58 THEN d.f || '_' || d.l
                    WHEN d.r_pattern < 0.72 THEN d.f || (10 + floor(d.r_number * 90))::integer
                    WHEN d.r_pattern < 0.82 THEN d.f || '.' || d.l || (1965 + floor(d.r_number * 40))::integer
                    WHEN d.r_pattern < 0.88 THEN left(d.f, 1) || d.l || (10 + floor(d.r_number * 990))::integer
                    WHEN d.r_pattern < 0.92 THEN d.f || '.' || d.l || '+'
                         || pg_temp.pick(ARRAY['work','ai','docs','notes'], d.r_number)
                    ELSE d.l || '.' || d.f END AS local_part,
               least(p.anchor, coalesce(d.status_at, p.anchor)) AS end_at,
               greatest(d.created_at, p.window_from) AS active_from
          FROM d CROSS JOIN demo_param p
      ), g AS MATERIALIZED (
        -- accidental collisions get a number
        SELECT e.*,
               CASE WHEN e.dup THEN NULL
                    ELSE row_number() OVER (PARTITION BY e.dup, e.local_part COLLATE "C",
                                            e.domain COLLATE "C" ORDER BY e.idx) END AS collision
          FROM e
      ), h AS MATERIALIZED (
        SELECT g.*,
               CASE WHEN g.r_case < 0.02 THEN initcap(pl.plain)
                    WHEN g.r_case < 0.025 THEN upper(pl.plain)
                    ELSE pl.plain END AS own_email
          FROM g CROSS JOIN LATERAL (
                 SELECT CASE WHEN g.collision > 1 THEN g.local_part || g.collision
                             ELSE g.local_part END || '@' || g.domain AS plain) AS pl
      ), k AS MATERIALIZED (
        -- a second sign-up keeps the first one's email, sometimes in other letter case
        SELECT h.*,
               CASE WHEN NOT h.dup THEN h.own_email
                    WHEN h.r_case < 0.5 THEN h.prev
                    WHEN h.prev = lower(h.prev)
                      THEN initcap(split_part(h.prev, '@', 1)) || '@' || split_part(h.prev, '@', 2)
                    ELSE lower(h.prev) END AS email,
               h.created_at < p.credits_from AND pg_temp.rnd(h.idx, 0, 26) < 0.4 AS credits_null,
               h.created_at < p.chat_from AND pg_temp.rnd(h.idx, 0, 27) < 0.3 AS chat_null,
               CASE h.level
                 WHEN 'paid' THEN h.created_at + (h.end_at - h.created_at) * power(pg_temp.rnd(h.idx, 0, 21), 0.8)
                 WHEN 'demo' THEN h.created_at END AS paid_since,
               CASE WHEN h.level = 'free' AND pg_temp.rnd(h.idx, 0, 23) < 0.04
                    THEN h.created_at + (h.end_at - h.created_at) * 0.7 * pg_temp.rnd(h.idx, 0, 24) END
                 AS paid_from,
               CASE WHEN h.r_active < 0.2 OR h.end_at <= h.active_from THEN 0
                    ELSE exp(1.9 * h.z)
                         * power(extract(epoch FROM h.end_at - h.active_from)::double precision
                                 / extract(epoch FROM p.anchor - p.window_from)::double precision,
                                 0.7) END AS weight
          FROM (SELECT h.*, lag(h.own_email) OVER (ORDER BY h.idx) AS prev FROM h) AS h
               CROSS JOIN demo_param p
      ), q AS MATERIALIZED (
        SELECT k.*,
               CASE WHEN k.weight = 0 THEN 0
                    ELSE least(20000, floor(p.candidates * k.weight / sum(k.weight) OVER ()
                                            + pg_temp.rnd(k.idx, 0, 30)))::integer END AS n_actions,
               CASE WHEN k.level <> 'paid' THEN 'monthly'
                    WHEN pg_temp.rnd(k.idx, 0, 22) < 0.6 THEN 'monthly'
                    WHEN pg_temp.rnd(k.idx, 0, 22) < 0.9 THEN 'yearly'
                    ELSE 'lifetime' END AS renewal,
               CASE WHEN k.created_at >= p.tos_from
                      THEN k.created_at + interval '40 seconds' * pg_temp.rnd(k.idx, 0, 36)
                    WHEN pg_temp.rnd(k.idx, 0, 36) < 0.7
                      THEN p.tos_from + interval '90 days' * pg_temp.rnd(k.idx, 0, 37) END AS tos_at,
               encode(sha256(convert_to(p.seed || ':' || k.idx || ':secret', 'UTF8'))
                      || sha256(convert_to(p.seed || ':' || k.idx || ':salt', 'UTF8')), 'base64') AS b64,
               (1000 + floor(pg_temp.rnd(k.idx, 0, 38) * 180000000))::bigint AS github_id
          FROM k CROSS JOIN demo_param p
      ), w AS MATERIALIZED (
        SELECT q.*,
               CASE WHEN q.paid_from IS NOT NULL
                    THEN least(q.end_at, q.paid_from + make_interval(
                           months => 1 + floor(6 * pg_temp.rnd(q.idx, 0, 25))::integer)) END AS paid_until,
               CASE q.renewal
                 WHEN 'monthly' THEN q.paid_since + make_interval(months =>
                   (extract(year FROM age(q.end_at, q.paid_since)) * 12
                    + extract(month FROM age(q.end_at, q.paid_since)))::integer)
                 WHEN 'yearly' THEN q.paid_since + make_interval(years =>
                   extract(year FROM age(q.end_at, q.paid_since))::integer)
                 ELSE q.paid_since END AS paid_last_payment
          FROM q
      )
      SELECT w.idx,
             pg_temp.row_id(0, w.idx) AS id,
             w.email,
             CASE WHEN w.provider = 'credentials'
                  THEN '$2b$10$' || left(translate(w.b64, E'+=\\n', '.'), 53) END AS password,
             CASE WHEN w.r_name < 0.08 THEN NULL
                  WHEN w.r_name < 0.13 THEN w.first_name
                  WHEN w.r_name < 0.15 THEN lower(w.first_name || ' ' || w.last_name)
                  ELSE w.first_name || ' ' || w.last_name END AS name,
             CASE w.provider
               WHEN 'google' THEN 'https://lh3.googleusercontent.com/a/ACg8oc'
                                  || left(translate(w.b64, E'+/=\\n', '-_'), 40) || '=s96-c'
               WHEN 'github' THEN 'https://avatars.githubusercontent.com/u/' || w.github_id || '?v=4'
             END AS image,
             w.provider,
             CASE w.provider
               WHEN 'google' THEN '1' || lpad((floor(pg_temp.rnd(w.idx, 0, 39) * 1e15))::bigint::text, 15, '0')
                                  || lpad((floor(pg_temp.rnd(w.idx, 0, 40) * 1e5))::bigint::text, 5, '0')
               WHEN 'github' THEN w.github_id::text
             END AS provider_id,
             CASE WHEN pg_temp.rnd(w.idx, 0, 42) < 0.85
                  THEN '{"language":"en","documentInstructions":""}'::jsonb
                  ELSE jsonb_build_object(
                    'language', pg_temp.pick(ARRAY['en','de','fr','es','pt','nl'], pg_temp.rnd(w.idx, 0, 43)),
                    'documentInstructions', pg_temp.pick(ARRAY['', '', 'Keep it short and use bullet points.',
                      'Use British spelling.', 'Write in a formal tone.', 'Focus on measurable impact.',
                      'Group achievements by project.'], pg_temp.rnd(w.idx, 0, 44))) END AS preferences,
             w.created_at,
             greatest(w.created_at, w.tos_at, w.status_at,
                      CASE WHEN w.level = 'paid' THEN w.paid_since END,
                      CASE WHEN pg_temp.rnd(w.idx, 0, 41) < 0.3
                           THEN w.created_at + (w.end_at - w.created_at) * pg_temp.rnd(w.idx, 0, 45) END)
               AS updated_at,
             w.provider <> 'credentials' OR pg_temp.rnd(w.idx, 0, 28) < 0.7 AS email_verified,
             w.level,
             w.renewal,
             CASE WHEN w.level = 'paid' THEN w.paid_last_payment
                  WHEN w.paid_from IS NOT NULL THEN greatest(w.paid_from, w.paid_until - interval '1 month')
                  WHEN w.level IN ('basic', 'pro') THEN w.created_at + interval '1 hour' END AS last_payment,
             w.status,
             CASE WHEN w.level IN ('paid', 'basic', 'pro') OR w.paid_from IS NOT NULL
                  THEN 'cus_' || left(translate(substr(w.b64, 50), E'+/=\\n', ''), 14) END AS stripe_customer_id,
             w.tos_at,
             w.status_at, w.end_at, w.active_from, w.paid_since, w.paid_from, w.paid_until,
             CASE WHEN w.credits_null THEN NULL ELSE 10 END AS start_credits,
             CASE WHEN w.chat_null THEN NULL ELSE 20 END AS start_chat,
             w.n_actions,
             1 + floor(power(pg_temp.rnd(w.idx, 0, 31), 2) * 8)::integer AS session_len,
             CASE WHEN w.chat_null THEN 0.0 WHEN w.credits_null THEN 1.0
                  ELSE pg_temp.rnd(w.idx, 0, 32) END AS p_chat,
             1 + pg_temp.rnd(w.idx, 0, 33) AS time_exp,
             pg_temp.rnd(w.idx, 0, 34) < w.n_actions / (w.n_actions + 20.0) AS buys_credits,
             pg_temp.rnd(w.idx, 0, 35) < w.n_actions / (w.n_actions + 20.0) AS buys_chat,
             CASE WHEN w.n_actions < 60 THEN 50 WHEN w.n_actions < 400 THEN 100
                  WHEN w.n_actions < 2000 THEN 250 ELSE 500 END AS credit_pack,
             CASE WHEN w.n_actions < 60 THEN 100 WHEN w.n_actions < 800 THEN 250 ELSE 500 END AS chat_pack
        FROM w
      """;

  // Candidate actions: sessions of chat (messages, tool calls) or documents (generation,
  // clustering), each charged at the web app's price unless the user was paid at the time or the
  // balance is a legacy NULL. Whether the balance covers it is decided later, in time order.
  private static final String ACTIONS =
      """
      CREATE TEMP TABLE demo_action ON COMMIT DROP AS
      WITH s AS MATERIALIZED (
        SELECT u.idx, u.start_credits, u.start_chat, u.paid_since, u.paid_from, u.paid_until,
               u.end_at, j::bigint AS j,
               u.active_from + (u.end_at - u.active_from)
                 * power(pg_temp.rnd(u.idx, j / u.session_len, 50), u.time_exp)
                 + (j % u.session_len) * (interval '20 seconds'
                                          + interval '4 minutes' * pg_temp.rnd(u.idx, j, 51)) AS ts,
               pg_temp.rnd(u.idx, j / u.session_len, 52) < u.p_chat AS chat_session,
               pg_temp.rnd(u.idx, j, 53) AS r_feature,
               pg_temp.rnd(u.idx, j, 54) AS r_doc
          FROM demo_user u CROSS JOIN LATERAL generate_series(0, u.n_actions - 1) AS j
         WHERE u.n_actions > 0
      ), f AS (
        SELECT s.*,
               CASE WHEN s.chat_session THEN
                      CASE WHEN s.r_feature < 0.8 THEN 'chat_message' ELSE 'chat_tool_call' END
                    ELSE CASE WHEN s.r_feature < 0.85 THEN 'document_generation'
                              ELSE 'workstream_clustering' END END AS feature,
               CASE WHEN s.r_doc < 0.55 THEN 'weekly_report'
                    WHEN s.r_doc < 0.75 THEN 'performance_review'
                    ELSE 'brag_doc' END AS doc_type
          FROM s
      )
      SELECT f.idx, f.j, f.ts, f.feature,
             CASE WHEN f.feature = 'chat_message' THEN 'm' ELSE 'c' END AS kind,
             CASE WHEN f.feature = 'chat_message' THEN f.start_chat ELSE f.start_credits END AS start_balance,
             CASE WHEN f.feature = 'document_generation' THEN f.doc_type END AS doc_type,
             CASE f.feature
               WHEN 'document_generation' THEN CASE f.doc_type WHEN 'weekly_report' THEN 1 ELSE 2 END
               WHEN 'workstream_clustering' THEN 2
               ELSE 1 END AS amount
        FROM f
       WHERE f.ts < f.end_at
         AND NOT coalesce(f.ts >= f.paid_since, false)
         AND NOT coalesce(f.ts >= f.paid_from AND f.ts < f.paid_until, false)
         AND CASE WHEN f.feature = 'chat_message' THEN f.start_chat ELSE f.start_credits END IS NOT NULL
      """;

  // Grants, all logged: credit and chat packs bought when the balance runs low (placed just
  // before the action that needs them), monthly top-ups of the deprecated basic and pro plans,
  // and two promotions.
  private static final String GRANTS =
      """
      CREATE TEMP TABLE demo_grant ON COMMIT DROP AS
      WITH need AS (
        SELECT a.idx, a.kind, a.ts, a.j, a.start_balance,
               CASE a.kind WHEN 'm' THEN u.chat_pack ELSE u.credit_pack END AS pack,
               sum(a.amount) OVER (PARTITION BY a.idx, a.kind ORDER BY a.ts, a.j ROWS UNBOUNDED PRECEDING)
                 - a.start_balance AS short
          FROM demo_action a JOIN demo_user u USING (idx)
         WHERE CASE a.kind WHEN 'm' THEN u.buys_chat ELSE u.buys_credits END
      ), packs AS (
        SELECT DISTINCT ON (idx, kind, pack_no) idx, kind, ts, j, pack,
               ceil(short / pack::numeric)::integer AS pack_no
          FROM need
         WHERE short > 0
         ORDER BY idx, kind, pack_no, ts, j
      )
      SELECT p.idx, p.kind,
             CASE p.kind WHEN 'm' THEN 'chat_message' ELSE 'document_generation' END AS feature,
             p.pack AS amount,
             greatest(u.active_from, p.ts - interval '10 minutes' * pg_temp.rnd(p.idx, p.j, 62)) AS ts,
             -1000000 - p.pack_no::bigint AS j,
             jsonb_build_object('grantReason', 'purchase', 'packSize', p.pack) AS metadata
        FROM packs p JOIN demo_user u USING (idx)
      UNION ALL
      SELECT u.idx, 'c', 'document_generation',
             CASE u.level WHEN 'basic' THEN 50 ELSE 150 END,
             m + interval '3 hours' + interval '2 hours' * pg_temp.rnd(u.idx, extract(epoch FROM m)::bigint, 66),
             -2000000 - extract(epoch FROM m)::bigint / 86400,
             jsonb_build_object('grantReason', 'monthly_top_up', 'plan', u.level)
        FROM demo_user u CROSS JOIN demo_param p
             CROSS JOIN LATERAL generate_series(date_trunc('month', p.window_from) + interval '1 month',
                                                p.anchor - interval '1 day', interval '1 month') AS m
       WHERE u.level IN ('basic', 'pro') AND u.start_credits IS NOT NULL
         AND m > u.created_at AND m + interval '5 hours' < u.end_at
      UNION ALL
      SELECT u.idx, 'c', 'document_generation', 25,
             p.promo_credits_at + interval '2 days' * pg_temp.rnd(u.idx, 0, 65),
             -3000001,
             jsonb_build_object('grantReason', 'promotion', 'campaign', 'spring_bonus')
        FROM demo_user u CROSS JOIN demo_param p
       WHERE pg_temp.rnd(u.idx, 0, 63) < 0.25 AND u.start_credits IS NOT NULL
         AND u.level IN ('free', 'basic', 'pro')
         AND u.created_at < p.promo_credits_at AND u.end_at > p.promo_credits_at + interval '2 days'
      UNION ALL
      SELECT u.idx, 'm', 'chat_message', 30,
             p.promo_chat_at + interval '2 days' * pg_temp.rnd(u.idx, 0, 67),
             -3000002,
             jsonb_build_object('grantReason', 'promotion', 'campaign', 'chat_week')
        FROM demo_user u CROSS JOIN demo_param p
       WHERE pg_temp.rnd(u.idx, 0, 64) < 0.2 AND u.start_chat IS NOT NULL
         AND u.level IN ('free', 'basic', 'pro')
         AND u.created_at < p.promo_chat_at AND u.end_at > p.promo_chat_at + interval '2 days'
      """;

  // Time order per user and balance. A deduction happens only if the balance covers it: the
  // balance checked is a lower bound of both the real and the ledger's running balance (grants
  // minus all deductions, refunds ignored), made a reflected walk so it needs no loop: the walk of
  // all candidates minus its running minimum below zero. The real balance after each accepted
  // action gives chat messages their remainingMessages. Failed operations are refunded.
  private static final String LEDGER =
      """
      CREATE TEMP TABLE demo_tx ON COMMIT DROP AS
      WITH ev AS (
        SELECT idx, kind, feature, 'deduct' AS op, amount, ts, j, start_balance, doc_type,
               NULL::jsonb AS metadata
          FROM demo_action
        UNION ALL
        SELECT g.idx, g.kind, g.feature, 'grant', g.amount, g.ts, g.j,
               CASE g.kind WHEN 'm' THEN u.start_chat ELSE u.start_credits END, NULL, g.metadata
          FROM demo_grant g JOIN demo_user u USING (idx)
      ), x AS (
        SELECT ev.*,
               ev.start_balance + sum(CASE ev.op WHEN 'deduct' THEN -ev.amount ELSE ev.amount END)
                 OVER (PARTITION BY ev.idx, ev.kind ORDER BY ev.ts, ev.j ROWS UNBOUNDED PRECEDING) AS walk
          FROM ev
      ), y AS (
        SELECT x.*,
               x.op = 'grant'
               OR x.walk + x.amount - least(0, coalesce(min(x.walk) OVER (
                    PARTITION BY x.idx, x.kind ORDER BY x.ts, x.j
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)) >= x.amount AS accepted
          FROM x
      ), z AS (
        SELECT y.*,
               y.start_balance + sum(CASE WHEN NOT y.accepted THEN 0
                                          WHEN y.op = 'deduct' THEN -y.amount ELSE y.amount END)
                 OVER (PARTITION BY y.idx, y.kind ORDER BY y.ts, y.j ROWS UNBOUNDED PRECEDING) AS balance_after
          FROM y
      ), charged AS MATERIALIZED (
        SELECT z.idx, z.kind, z.feature, z.op, z.amount, z.ts, z.j, z.doc_type, z.metadata,
               z.balance_after,
               -- the fire-and-forget ledger insert fails now and then, and often during incidents
               z.op = 'grant'
               OR pg_temp.rnd(z.idx, z.j, 55) >= CASE WHEN z.ts <@ p.incidents THEN 0.35 ELSE 0.003 END
                 AS logged,
               z.op = 'deduct' AND z.feature <> 'chat_message'
               AND pg_temp.rnd(z.idx, z.j, 56) < CASE WHEN z.ts <@ p.incidents THEN 0.25 ELSE 0.03 END
                 AS failed,
               p.refund_log_from, p.anchor
          FROM z CROSS JOIN demo_param p
         WHERE z.accepted
      ), tx AS (
        SELECT idx, kind, feature, op, amount, ts, j, doc_type, metadata, balance_after, logged
          FROM charged
        UNION ALL
        -- Refunds of failed operations: the web app did not log them before refund_log_from, and
        -- its log insert can fail like any other.
        SELECT idx, kind, feature, 'refund', amount,
               least(ts + interval '5 seconds' + interval '2 minutes' * pg_temp.rnd(idx, j, 57),
                     ts + (anchor - ts) / 2), j,
               doc_type, NULL, NULL, ts >= refund_log_from AND pg_temp.rnd(idx, j, 58) >= 0.02
          FROM charged
         WHERE failed
      )
      SELECT tx.*, u.id AS user_id,
             (date_part('year', tx.ts) * 100 + date_part('month', tx.ts))::integer AS batch
        FROM tx JOIN demo_user u USING (idx);
      CREATE INDEX ON demo_tx (batch, ts) WHERE logged;
      ANALYZE demo_tx
      """;

  // The users as they are now: their start plus everything that happened to the balance, logged
  // or not. Inserted in sign-up order, like production's heap.
  private static final String INSERT_USERS =
      """
      INSERT INTO public."User" (id, email, password, name, image, provider, provider_id,
          preferences, created_at, updated_at, email_verified, level, renewal_period, last_payment,
          status, stripe_customer_id, tos_accepted_at, is_demo, free_credits, free_chat_messages)
      WITH moved AS (
        SELECT idx,
               sum(CASE WHEN kind = 'c' THEN CASE op WHEN 'deduct' THEN -amount ELSE amount END END) AS credits,
               sum(CASE WHEN kind = 'm' THEN CASE op WHEN 'deduct' THEN -amount ELSE amount END END) AS chat
          FROM demo_tx
         GROUP BY idx
      )
      SELECT u.id, u.email, u.password, u.name, u.image, u.provider, u.provider_id, u.preferences,
             u.created_at, u.updated_at, u.email_verified, u.level::public.user_level,
             u.renewal::public.renewal_period, u.last_payment, u.status::public.user_status,
             u.stripe_customer_id, u.tos_at, u.level = 'demo',
             u.start_credits + coalesce(m.credits, 0), u.start_chat + coalesce(m.chat, 0)
        FROM demo_user u LEFT JOIN moved m USING (idx)
       ORDER BY u.created_at
      """;

  // Production's heap is in time order; the created_at index then grows at its right edge.
  private static final String INSERT_LEDGER =
      """
      INSERT INTO public."CreditTransaction"
          (id, user_id, amount, operation, feature_type, metadata, created_at)
      SELECT pg_temp.row_id(t.idx, 4 * t.j + CASE t.kind WHEN 'm' THEN 2 ELSE 0 END
                                    + CASE t.op WHEN 'refund' THEN 1 ELSE 0 END),
             t.user_id, t.amount, t.op::public.operation_type, t.feature::public.feature_type,
             CASE
               WHEN t.op = 'grant' THEN t.metadata
               WHEN t.op = 'refund' THEN jsonb_strip_nulls(jsonb_build_object(
                 'documentId', CASE WHEN t.feature = 'document_generation' THEN pg_temp.uid(t.idx, t.j, 61) END,
                 'documentType', t.doc_type,
                 'refundReason', CASE t.feature WHEN 'document_generation' THEN 'generation_failed'
                                                WHEN 'workstream_clustering' THEN 'clustering_failed'
                                                ELSE 'tool_call_failed' END,
                 'errorMessage', pg_temp.pick(ARRAY[
                   'Request timed out after 60000ms', 'Model is overloaded, please retry (529)',
                   'Rate limit exceeded (429)', 'Upstream connection reset',
                   'Model returned invalid JSON', 'Context length exceeded'],
                   pg_temp.rnd(t.idx, t.j, 59))))
               WHEN t.feature = 'document_generation' THEN jsonb_build_object(
                 'documentId', pg_temp.uid(t.idx, t.j, 61), 'documentType', t.doc_type,
                 'title', CASE t.doc_type
                   WHEN 'weekly_report' THEN
                     CASE WHEN pg_temp.rnd(t.idx, t.j, 60) < 0.5
                          THEN 'Weekly report ' || to_char(t.ts, 'IYYY-"W"IW')
                          ELSE 'Week of ' || to_char(date_trunc('week', t.ts), 'FMMonth FMDD, YYYY') END
                   WHEN 'performance_review' THEN
                     'Performance review ' || CASE WHEN date_part('month', t.ts) <= 6 THEN 'H1 ' ELSE 'H2 ' END
                     || to_char(t.ts, 'YYYY')
                   ELSE CASE WHEN pg_temp.rnd(t.idx, t.j, 60) < 0.5
                             THEN 'Brag doc Q' || to_char(t.ts, 'Q YYYY')
                             ELSE 'Wins and impact ' || to_char(t.ts, 'YYYY') END END)
               WHEN t.feature = 'chat_message' THEN jsonb_build_object('remainingMessages', t.balance_after)
               WHEN t.feature = 'chat_tool_call' THEN '{}'::jsonb
             END,
             t.ts
        FROM demo_tx t
       WHERE t.logged AND t.batch = %s
       ORDER BY t.ts
      """;
}
