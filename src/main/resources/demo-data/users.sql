-- One row per user with every attribute drawn from the hash, computed once (each layer is
-- materialized so that a draw is not evaluated again wherever it is used). n_actions is the
-- user's share of the candidate actions: log-normal, many users with few, a few with thousands.
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
            THEN '$2b$10$' || left(translate(w.b64, E'+=\n', '.'), 53) END AS password,
       CASE WHEN w.r_name < 0.08 THEN NULL
            WHEN w.r_name < 0.13 THEN w.first_name
            WHEN w.r_name < 0.15 THEN lower(w.first_name || ' ' || w.last_name)
            ELSE w.first_name || ' ' || w.last_name END AS name,
       CASE w.provider
         WHEN 'google' THEN 'https://lh3.googleusercontent.com/a/ACg8oc'
                            || left(translate(w.b64, E'+/=\n', '-_'), 40) || '=s96-c'
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
            THEN 'cus_' || left(translate(substr(w.b64, 50), E'+/=\n', ''), 14) END AS stripe_customer_id,
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
