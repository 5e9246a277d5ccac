-- Grants, all logged: credit and chat packs bought when the balance runs low (placed just
-- before the action that needs them), monthly top-ups of the deprecated basic and pro plans,
-- and two promotions.
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
