-- Production's heap is in time order; the created_at index then grows at its right edge.
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
