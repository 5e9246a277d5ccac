-- Candidate actions: sessions of chat (messages, tool calls) or documents (generation,
-- clustering), each charged at the web app's price unless the user was paid at the time or the
-- balance is a legacy NULL. Whether the balance covers it is decided later, in time order.
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
