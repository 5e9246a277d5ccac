-- The timeline, relative to the anchor ("now") for a 12-month window: users sign up over two
-- years, credits exist for 20 months and chat for 14 (older users may still have NULL balances),
-- the ledger covers the window, and refunds are logged only in its last third.
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
