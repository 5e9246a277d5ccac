-- Console adjustments (grant, refund, correct) run inside the database, in one function, so that
-- a modified client or a psql session with an admin login meets exactly the same rules.
-- Admins have no direct write privilege on the web app's tables (docs/decisions/0001).

CREATE TABLE creditdesk.setting (
  name text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO creditdesk.setting (name, value) VALUES ('max_adjustment_amount', '10000');
GRANT SELECT ON creditdesk.setting TO creditdesk_support, creditdesk_admin, creditdesk_analyst;

-- One row per applied adjustment, keyed by the client's idempotency key.
CREATE TABLE creditdesk.adjustment (
  idempotency_key text PRIMARY KEY,
  request jsonb NOT NULL,
  ledger_id uuid,
  user_id uuid NOT NULL,
  operation public.operation_type NOT NULL,
  feature_type public.feature_type NOT NULL,
  amount integer NOT NULL,
  refund_of uuid,
  balance_before integer,
  balance_after integer,
  actor name NOT NULL,
  created_at timestamp NOT NULL
);
CREATE INDEX adjustment_refund_of_idx ON creditdesk.adjustment (refund_of)
  WHERE refund_of IS NOT NULL;
CREATE INDEX adjustment_user_idx ON creditdesk.adjustment (user_id);
GRANT SELECT ON creditdesk.adjustment TO creditdesk_support, creditdesk_admin, creditdesk_analyst;

-- Erasure of a user reaches creditdesk's own rows about that user.
CREATE FUNCTION creditdesk.erase_user_rows() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  DELETE FROM creditdesk.balance_audit WHERE user_id = OLD.id;
  DELETE FROM creditdesk.adjustment WHERE user_id = OLD.id;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION creditdesk.erase_user_rows() FROM PUBLIC;
CREATE TRIGGER creditdesk_user_erasure
  AFTER DELETE ON public."User"
  FOR EACH ROW EXECUTE FUNCTION creditdesk.erase_user_rows();

-- Error codes (SQLSTATE class CD) that the service layer turns into typed errors:
--   CD001 invalid input           CD002 user not found          CD003 insufficient balance
--   CD004 refund over deduction   CD005 key reused, other content
--   CD006 transaction not found or not a deduction
CREATE FUNCTION creditdesk.adjust(
    p_operation text,
    p_user_id uuid,
    p_feature public.feature_type,
    p_amount integer,
    p_reason text,
    p_ticket text,
    p_idempotency_key text,
    p_refund_of uuid DEFAULT NULL)
  RETURNS TABLE (
    ledger_id uuid, user_id uuid, operation public.operation_type,
    feature_type public.feature_type, amount integer, balance_before integer,
    balance_after integer, created_at timestamp, metadata jsonb, replayed boolean)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET lock_timeout = '3s'
  SET TimeZone = 'UTC'
AS $$
DECLARE
  v_reason text := btrim(p_reason);
  v_ticket text := nullif(btrim(p_ticket), '');
  v_max integer;
  v_request jsonb;
  v_existing creditdesk.adjustment;
  v_user uuid := p_user_id;
  v_feature public.feature_type := p_feature;
  v_amount integer := p_amount;
  v_op public.operation_type;
  v_deduction public.operation_type;
  v_deducted integer;
  v_refunded integer;
  v_before integer;
  v_after integer;
  v_now timestamp := clock_timestamp() AT TIME ZONE 'UTC';
  v_meta jsonb;
  v_ledger uuid;
BEGIN
  SELECT s.value::integer INTO v_max FROM creditdesk.setting s WHERE s.name = 'max_adjustment_amount';
  IF p_operation IS NULL OR p_operation NOT IN ('grant', 'refund', 'correct') THEN
    RAISE EXCEPTION 'Unknown adjustment "%"; use grant, refund or correct.', p_operation
      USING ERRCODE = 'CD001';
  END IF;
  IF p_idempotency_key IS NULL OR length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
    RAISE EXCEPTION 'An idempotency key of 1 to 200 characters is required.' USING ERRCODE = 'CD001';
  END IF;
  IF v_amount IS NOT NULL AND (v_amount < 1 OR v_amount > v_max) THEN
    RAISE EXCEPTION 'The amount must be a whole number from 1 to %.', v_max USING ERRCODE = 'CD001';
  END IF;
  IF v_amount IS NULL AND p_operation <> 'refund' THEN
    RAISE EXCEPTION 'The amount is required.' USING ERRCODE = 'CD001';
  END IF;
  IF v_reason IS NULL OR length(v_reason) NOT BETWEEN 3 AND 500 THEN
    RAISE EXCEPTION 'A reason of 3 to 500 characters is required.' USING ERRCODE = 'CD001';
  END IF;
  IF v_reason ~ '[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]'
     OR coalesce(v_ticket, '') ~ '[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]' THEN
    RAISE EXCEPTION 'The reason and ticket may not contain text-direction control characters.'
      USING ERRCODE = 'CD001';
  END IF;
  IF length(v_ticket) > 100 THEN
    RAISE EXCEPTION 'The ticket may be at most 100 characters.' USING ERRCODE = 'CD001';
  END IF;

  v_request := jsonb_build_object('operation', p_operation, 'userId', p_user_id,
      'feature', p_feature, 'amount', p_amount, 'reason', v_reason, 'ticket', v_ticket,
      'refundOf', p_refund_of);

  -- Claim the key. A concurrent claim of the same key waits here until the first commits.
  INSERT INTO creditdesk.adjustment AS a (idempotency_key, request, user_id, operation,
      feature_type, amount, actor, created_at)
  VALUES (p_idempotency_key, v_request, coalesce(p_user_id, '00000000-0000-0000-0000-000000000000'),
      'grant', coalesce(p_feature, 'document_generation'), coalesce(p_amount, 0), session_user, v_now)
  ON CONFLICT (idempotency_key) DO NOTHING;
  IF NOT FOUND THEN
    SELECT * INTO v_existing FROM creditdesk.adjustment a WHERE a.idempotency_key = p_idempotency_key;
    IF v_existing.request IS DISTINCT FROM v_request THEN
      RAISE EXCEPTION 'This idempotency key was already used for a different adjustment.'
        USING ERRCODE = 'CD005';
    END IF;
    RETURN QUERY
      SELECT t.id, t.user_id, t.operation, t.feature_type, t.amount,
             v_existing.balance_before, v_existing.balance_after, t.created_at, t.metadata, true
        FROM public."CreditTransaction" t WHERE t.id = v_existing.ledger_id;
    RETURN;
  END IF;

  IF p_operation = 'refund' THEN
    IF p_refund_of IS NULL THEN
      RAISE EXCEPTION 'A refund names the deduction it gives back.' USING ERRCODE = 'CD001';
    END IF;
    -- Refunds of one deduction are serialised; the web app never takes this lock.
    PERFORM pg_advisory_xact_lock(hashtextextended('creditdesk.refund:' || p_refund_of::text, 0));
    SELECT t.user_id, t.feature_type, t.amount, t.operation
      INTO v_user, v_feature, v_deducted, v_deduction
      FROM public."CreditTransaction" t WHERE t.id = p_refund_of;
    IF NOT FOUND OR v_deduction <> 'deduct' THEN
      RAISE EXCEPTION 'Transaction % is not a deduction that can be refunded.', p_refund_of
        USING ERRCODE = 'CD006';
    END IF;
    IF p_user_id IS NOT NULL AND p_user_id <> v_user THEN
      RAISE EXCEPTION 'Transaction % belongs to another user.', p_refund_of USING ERRCODE = 'CD006';
    END IF;
    IF p_feature IS NOT NULL AND p_feature <> v_feature THEN
      RAISE EXCEPTION 'A refund keeps the feature of its deduction (%).', v_feature
        USING ERRCODE = 'CD001';
    END IF;
    SELECT coalesce(sum(a.amount), 0) INTO v_refunded
      FROM creditdesk.adjustment a WHERE a.refund_of = p_refund_of;
    v_amount := coalesce(v_amount, v_deducted - v_refunded);
    IF v_refunded + v_amount > v_deducted OR v_amount < 1 THEN
      RAISE EXCEPTION 'Refund of % exceeds what is left of the deduction: % of % already refunded, % left.',
          v_amount, v_refunded, v_deducted, v_deducted - v_refunded
        USING ERRCODE = 'CD004';
    END IF;
    v_op := 'refund';
  ELSE
    IF v_user IS NULL THEN
      RAISE EXCEPTION 'A user is required.' USING ERRCODE = 'CD001';
    END IF;
    IF v_feature IS NULL THEN
      RAISE EXCEPTION 'A feature is required.' USING ERRCODE = 'CD001';
    END IF;
    IF p_refund_of IS NOT NULL THEN
      RAISE EXCEPTION 'Only a refund names a deduction.' USING ERRCODE = 'CD001';
    END IF;
    v_op := CASE p_operation WHEN 'grant' THEN 'grant' ELSE 'deduct' END::public.operation_type;
  END IF;

  -- The row lock keeps a concurrent web-app deduction from landing between read and write;
  -- the write itself is relative, so nothing read here is written back.
  IF v_feature = 'chat_message' THEN
    SELECT u.free_chat_messages INTO v_before FROM public."User" u WHERE u.id = v_user FOR UPDATE;
  ELSE
    SELECT u.free_credits INTO v_before FROM public."User" u WHERE u.id = v_user FOR UPDATE;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No user with id %.', v_user USING ERRCODE = 'CD002';
  END IF;
  IF v_op = 'deduct' AND coalesce(v_before, 0) < v_amount THEN
    RAISE EXCEPTION 'Cannot take back %: the balance is only %.', v_amount, coalesce(v_before, 0)
      USING ERRCODE = 'CD003';
  END IF;

  IF v_feature = 'chat_message' THEN
    UPDATE public."User" u
       SET free_chat_messages = coalesce(u.free_chat_messages, 0)
                                + CASE WHEN v_op = 'deduct' THEN -v_amount ELSE v_amount END
     WHERE u.id = v_user RETURNING u.free_chat_messages INTO v_after;
  ELSE
    UPDATE public."User" u
       SET free_credits = coalesce(u.free_credits, 0)
                          + CASE WHEN v_op = 'deduct' THEN -v_amount ELSE v_amount END
     WHERE u.id = v_user RETURNING u.free_credits INTO v_after;
  END IF;

  v_meta := jsonb_strip_nulls(jsonb_build_object(
      'source', 'creditdesk', 'reason', v_reason, 'ticket', v_ticket,
      'idempotencyKey', p_idempotency_key, 'refundOf', p_refund_of))
    || jsonb_build_object('balanceBefore', v_before, 'balanceAfter', v_after,
                          'actor', session_user::text);
  INSERT INTO public."CreditTransaction" AS t (user_id, amount, operation, feature_type, metadata, created_at)
  VALUES (v_user, v_amount, v_op, v_feature, v_meta, v_now)
  RETURNING t.id INTO v_ledger;

  UPDATE creditdesk.adjustment a
     SET ledger_id = v_ledger, user_id = v_user, operation = v_op, feature_type = v_feature,
         amount = v_amount, refund_of = p_refund_of, balance_before = v_before, balance_after = v_after
   WHERE a.idempotency_key = p_idempotency_key;

  RETURN QUERY
    SELECT t.id, t.user_id, t.operation, t.feature_type, t.amount, v_before, v_after,
           t.created_at, t.metadata, false
      FROM public."CreditTransaction" t WHERE t.id = v_ledger;
END
$$;

REVOKE ALL ON FUNCTION creditdesk.adjust(text, uuid, public.feature_type, integer, text, text, text, uuid)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION creditdesk.adjust(text, uuid, public.feature_type, integer, text, text, text, uuid)
  TO creditdesk_admin;
