-- Time order per user and balance. A deduction happens only if the balance covers it: the
-- balance checked is a lower bound of both the real and the ledger's running balance (grants
-- minus all deductions, refunds ignored), made a reflected walk so it needs no loop: the walk of
-- all candidates minus its running minimum below zero. The real balance after each accepted
-- action gives chat messages their remainingMessages. Failed operations are refunded.
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
