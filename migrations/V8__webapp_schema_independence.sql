-- The web app's own migrations change its schema under us (retyped and dropped columns, enums
-- rewritten by Drizzle as column -> text, DROP TYPE, CREATE TYPE, column back). No creditdesk
-- object may be the reason one of them fails, so nothing here depends in the catalog on a web-app
-- column or type: our tables and signatures hold labels as text, triggers are bound to whole
-- tables, and functions find balance columns by name when they run (docs/shared-database.md).

-- Labels as text: the enum types belong to the web app and may be dropped and recreated.
ALTER TABLE creditdesk.adjustment
  ALTER COLUMN operation TYPE text USING operation::text,
  ALTER COLUMN feature_type TYPE text USING feature_type::text,
  ADD COLUMN balance_before_unset boolean NOT NULL DEFAULT false;
-- Rows whose balance_before is NULL were adjusted from a NULL balance (then counted as 0).
UPDATE creditdesk.adjustment SET balance_before_unset = true
 WHERE balance_before IS NULL AND ledger_id IS NOT NULL;

-- "Is this ledger row creditdesk's?" is answered by this table (only creditdesk.adjust writes it).
CREATE UNIQUE INDEX adjustment_ledger_idx ON creditdesk.adjustment (ledger_id);

-- What the web app shows for a NULL balance (its `?? 10` / `?? 20`); adjustments start there.
INSERT INTO creditdesk.setting (name, value) VALUES
  ('webapp_unset_free_credits', '10'),
  ('webapp_unset_free_chat_messages', '20')
ON CONFLICT (name) DO NOTHING;

-- Only staff (and the definer functions, which run as the owner) need to ask.
REVOKE EXECUTE ON FUNCTION creditdesk.staff_role(name) FROM PUBLIC;

-- The balance-audit trigger on the whole table: no column list and no WHEN clause (both bind it
-- to columns). It fires for every UPDATE of "User"; the function starts with the cheap "possibly
-- staff" test (pg_has_role on cached memberships), which costs a web-app statement no more than
-- a WHEN clause, compiled afresh for every statement (measured as the web app's login, 20,000
-- single-row statements: deductions cheaper than with V7's trigger, other updates the same).
DROP TRIGGER creditdesk_balance_audit ON public."User";
CREATE TRIGGER creditdesk_balance_audit
  AFTER UPDATE ON public."User"
  FOR EACH ROW EXECUTE FUNCTION creditdesk.audit_balance_change();

-- Balances read by name from the row at run time: a dropped or retyped balance column never
-- makes an UPDATE of "User" fail here.
CREATE OR REPLACE FUNCTION creditdesk.audit_balance_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_login oid := to_regrole(quote_ident(session_user));
  v_role text;
  v_old jsonb;
  v_new jsonb;
  v_column text;
BEGIN
  IF NOT coalesce(pg_has_role(v_login, to_regrole('creditdesk_admin'), 'MEMBER')
                  OR pg_has_role(v_login, to_regrole('creditdesk_support'), 'MEMBER')
                  OR pg_has_role(v_login, to_regrole('creditdesk_analyst'), 'MEMBER'), false) THEN
    RETURN NULL;
  END IF;
  v_role := creditdesk.staff_role(session_user);
  IF v_role IS NULL THEN
    RETURN NULL;
  END IF;
  v_old := to_jsonb(OLD);
  v_new := to_jsonb(NEW);
  FOREACH v_column IN ARRAY ARRAY['free_credits', 'free_chat_messages'] LOOP
    IF (v_old -> v_column) IS DISTINCT FROM (v_new -> v_column) THEN
      INSERT INTO creditdesk.balance_audit (user_id, balance, old_value, new_value, login, staff_role)
      VALUES ((v_new ->> 'id')::uuid, v_column, (v_old ->> v_column)::integer,
              (v_new ->> v_column)::integer, session_user, v_role);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;

-- Text rules shared with the client (creditdesk.service.adjust.AdjustmentValidation, which must match):
-- trimmed of what Java's String.strip() removes; no control characters (a reason may hold tabs
-- and line breaks), no text-direction controls, no other invisible format characters.
CREATE FUNCTION creditdesk.strip_text(p_value text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp
AS $$
  SELECT btrim(p_value, E'\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u1680\u2000\u2001\u2002\u2003'
                        '\u2004\u2005\u2006\u2008\u2009\u200a\u2028\u2029\u205f\u3000')
$$;

CREATE FUNCTION creditdesk.require_plain_text(p_value text, p_what text, p_line_breaks boolean)
  RETURNS void
  LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF p_value ~ (CASE WHEN p_line_breaks THEN E'[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]'
                     ELSE E'[\u0001-\u001f\u007f-\u009f]' END) THEN
    RAISE EXCEPTION 'The % contains a control character; retype it.', p_what USING ERRCODE = 'CD001';
  END IF;
  IF p_value ~ E'[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]' THEN
    RAISE EXCEPTION 'The % contains an invisible text-direction character; retype it.', p_what
      USING ERRCODE = 'CD001';
  END IF;
  IF p_value ~ (E'[\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d\u2028\u2029'
                '\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd'
                '\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001'
                '\U000e0020-\U000e007f]') THEN
    RAISE EXCEPTION 'The % contains an invisible formatting character (such as a zero-width space); retype it.',
        p_what USING ERRCODE = 'CD001';
  END IF;
END
$$;
REVOKE ALL ON FUNCTION creditdesk.strip_text(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION creditdesk.require_plain_text(text, text, boolean) FROM PUBLIC;

-- The adjustment function of V5 with text labels in its signature, NULL balances counted as the
-- web app's default (and said so), an overflow refusal, and balance columns found by name.
-- Error codes (SQLSTATE class CD) that the service layer turns into typed errors:
--   CD001 invalid input           CD002 user not found          CD003 insufficient balance
--   CD004 refund over deduction   CD005 key reused, other content
--   CD006 transaction not found or not a deduction
--   CD007 the balance would exceed what its column (or the ledger's integer) can hold
DROP FUNCTION creditdesk.adjust(text, uuid, public.feature_type, integer, text, text, text, uuid);

CREATE FUNCTION creditdesk.adjust(
    p_operation text,
    p_user_id uuid,
    p_feature text,
    p_amount integer,
    p_reason text,
    p_ticket text,
    p_idempotency_key text,
    p_refund_of uuid DEFAULT NULL)
  RETURNS TABLE (
    ledger_id uuid, user_id uuid, operation text, feature_type text, amount integer,
    balance_before integer, balance_after integer, created_at timestamp, metadata jsonb,
    replayed boolean, balance_before_unset boolean)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET lock_timeout = '3s'
  SET TimeZone = 'UTC'
AS $$
DECLARE
  v_reason text := creditdesk.strip_text(p_reason);
  v_ticket text := nullif(creditdesk.strip_text(p_ticket), '');
  v_key text := creditdesk.strip_text(p_idempotency_key);
  v_max integer;
  v_request jsonb;
  v_existing creditdesk.adjustment;
  v_user uuid := p_user_id;
  v_feature text := p_feature;
  v_amount integer := p_amount;
  v_op text;
  v_deduction text;
  v_deducted integer;
  v_refunded integer;
  v_labels text[];
  v_column text;
  v_column_type regtype;
  v_cap bigint;
  v_default bigint;
  v_found boolean;
  v_stored bigint;
  v_unset boolean;
  v_before bigint;
  v_after bigint;
  v_now timestamp := clock_timestamp() AT TIME ZONE 'UTC';
  v_meta jsonb;
  v_ledger uuid;
BEGIN
  SELECT s.value::integer INTO v_max FROM creditdesk.setting s WHERE s.name = 'max_adjustment_amount';
  IF p_operation IS NULL OR p_operation NOT IN ('grant', 'refund', 'correct') THEN
    RAISE EXCEPTION 'Unknown adjustment "%"; use grant, refund or correct.', p_operation
      USING ERRCODE = 'CD001';
  END IF;
  IF v_key IS NULL OR length(v_key) NOT BETWEEN 1 AND 200 THEN
    RAISE EXCEPTION 'An idempotency key of 1 to 200 characters is required.' USING ERRCODE = 'CD001';
  END IF;
  PERFORM creditdesk.require_plain_text(v_key, 'idempotency key', false);
  IF v_amount IS NOT NULL AND (v_amount < 1 OR v_amount > v_max) THEN
    RAISE EXCEPTION 'The amount must be a whole number from 1 to %.', v_max USING ERRCODE = 'CD001';
  END IF;
  IF v_amount IS NULL AND p_operation <> 'refund' THEN
    RAISE EXCEPTION 'The amount is required.' USING ERRCODE = 'CD001';
  END IF;
  PERFORM creditdesk.require_plain_text(v_reason, 'reason', true);
  IF v_reason IS NULL OR length(v_reason) NOT BETWEEN 3 AND 500 THEN
    RAISE EXCEPTION 'A reason of 3 to 500 characters is required.' USING ERRCODE = 'CD001';
  END IF;
  PERFORM creditdesk.require_plain_text(v_ticket, 'ticket', false);
  IF length(v_ticket) > 100 THEN
    RAISE EXCEPTION 'The ticket may be at most 100 characters.' USING ERRCODE = 'CD001';
  END IF;

  v_request := jsonb_build_object('operation', p_operation, 'userId', p_user_id,
      'feature', p_feature, 'amount', p_amount, 'reason', v_reason, 'ticket', v_ticket,
      'refundOf', p_refund_of);

  -- Claim the key. A concurrent claim of the same key waits here until the first commits.
  INSERT INTO creditdesk.adjustment AS a (idempotency_key, request, user_id, operation,
      feature_type, amount, actor, created_at)
  VALUES (v_key, v_request, coalesce(p_user_id, '00000000-0000-0000-0000-000000000000'),
      'grant', coalesce(p_feature, ''), coalesce(p_amount, 0), session_user, v_now)
  ON CONFLICT (idempotency_key) DO NOTHING;
  IF NOT FOUND THEN
    SELECT * INTO v_existing FROM creditdesk.adjustment a WHERE a.idempotency_key = v_key;
    IF v_existing.request IS DISTINCT FROM v_request THEN
      RAISE EXCEPTION 'This idempotency key was already used for a different adjustment.'
        USING ERRCODE = 'CD005';
    END IF;
    RETURN QUERY
      SELECT t.id, t.user_id, t.operation::text, t.feature_type::text, t.amount,
             v_existing.balance_before, v_existing.balance_after, t.created_at, t.metadata, true,
             v_existing.balance_before_unset
        FROM public."CreditTransaction" t WHERE t.id = v_existing.ledger_id;
    RETURN;
  END IF;

  IF p_operation = 'refund' THEN
    IF p_refund_of IS NULL THEN
      RAISE EXCEPTION 'A refund names the deduction it gives back.' USING ERRCODE = 'CD001';
    END IF;
    -- Refunds of one deduction are serialised; the web app never takes this lock.
    PERFORM pg_advisory_xact_lock(hashtextextended('creditdesk.refund:' || p_refund_of::text, 0));
    SELECT t.user_id, t.feature_type::text, t.amount, t.operation::text
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
    -- Any label the ledger's feature column accepts now (the web app adds them at run time).
    SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) INTO v_labels
      FROM pg_attribute a JOIN pg_enum e ON e.enumtypid = a.atttypid
     WHERE a.attrelid = to_regclass('public."CreditTransaction"') AND a.attname = 'feature_type'
       AND NOT a.attisdropped;
    IF v_labels IS NOT NULL AND NOT v_feature = ANY (v_labels) THEN
      RAISE EXCEPTION 'Unknown feature "%"; the database knows %.', v_feature,
          array_to_string(v_labels, ', ')
        USING ERRCODE = 'CD001';
    END IF;
    v_op := CASE p_operation WHEN 'grant' THEN 'grant' ELSE 'deduct' END;
  END IF;

  -- chat_message moves free_chat_messages, every other feature free_credits.
  v_column := CASE WHEN v_feature = 'chat_message' THEN 'free_chat_messages' ELSE 'free_credits' END;
  SELECT a.atttypid::regtype INTO v_column_type
    FROM pg_attribute a
   WHERE a.attrelid = to_regclass('public."User"') AND a.attname = v_column
     AND a.attnum > 0 AND NOT a.attisdropped;
  IF v_column_type IS NULL THEN
    RAISE EXCEPTION 'The web app''s "User" table has no % column any more, so this balance cannot be adjusted.',
        v_column USING ERRCODE = 'CD001';
  END IF;
  -- The ledger's amount and our balance columns are integers whatever the web app's column is.
  v_cap := CASE WHEN v_column_type = 'smallint'::regtype THEN 32767 ELSE 2147483647 END;
  SELECT s.value::bigint INTO v_default FROM creditdesk.setting s WHERE s.name = 'webapp_unset_' || v_column;
  v_default := coalesce(v_default, CASE v_column WHEN 'free_credits' THEN 10 ELSE 20 END);

  -- The row lock keeps a concurrent web-app deduction from landing between read and write;
  -- the write itself is relative, so nothing read here is written back.
  EXECUTE format('SELECT true, u.%I::bigint FROM public."User" u WHERE u.id = $1 FOR UPDATE', v_column)
    INTO v_found, v_stored USING v_user;
  IF v_found IS NULL THEN
    RAISE EXCEPTION 'No user with id %.', v_user USING ERRCODE = 'CD002';
  END IF;
  -- NULL is what the web app shows as its default; the adjustment starts from there.
  v_unset := v_stored IS NULL;
  v_before := coalesce(v_stored, v_default);
  IF v_op = 'deduct' AND v_before < v_amount THEN
    RAISE EXCEPTION 'Cannot take back %: the balance is only %.', v_amount, v_before
      USING ERRCODE = 'CD003';
  END IF;
  IF v_before > v_cap THEN
    RAISE EXCEPTION 'The balance is %, more than the largest balance that can be recorded (%); nothing was changed.',
        v_before, v_cap
      USING ERRCODE = 'CD007';
  END IF;
  IF v_op <> 'deduct' AND v_before + v_amount > v_cap THEN
    RAISE EXCEPTION 'Adding % to a balance of % would exceed %, the largest balance that can be recorded; nothing was changed.',
        v_amount, v_before, v_cap
      USING ERRCODE = 'CD007';
  END IF;

  EXECUTE format('UPDATE public."User" u SET %1$I = coalesce(u.%1$I, $2) + $3 WHERE u.id = $1'
                 ' RETURNING u.%1$I::bigint', v_column)
    INTO v_after
    USING v_user, v_default, CASE WHEN v_op = 'deduct' THEN -v_amount ELSE v_amount END::bigint;

  v_meta := jsonb_strip_nulls(jsonb_build_object(
      'source', 'creditdesk', 'reason', v_reason, 'ticket', v_ticket,
      'idempotencyKey', v_key, 'refundOf', p_refund_of,
      'balanceBeforeUnset', CASE WHEN v_unset THEN true END))
    || jsonb_build_object('balanceBefore', v_before, 'balanceAfter', v_after,
                          'actor', session_user::text);
  -- Labels as untyped literals: they take whatever type the ledger's columns have now.
  EXECUTE format('INSERT INTO public."CreditTransaction" AS t'
                 ' (user_id, amount, operation, feature_type, metadata, created_at)'
                 ' VALUES ($1, $2, %L, %L, $3, $4) RETURNING t.id', v_op, v_feature)
    INTO v_ledger USING v_user, v_amount, v_meta, v_now;

  UPDATE creditdesk.adjustment a
     SET ledger_id = v_ledger, user_id = v_user, operation = v_op, feature_type = v_feature,
         amount = v_amount, refund_of = p_refund_of, balance_before = v_before,
         balance_after = v_after, balance_before_unset = v_unset
   WHERE a.idempotency_key = v_key;

  RETURN QUERY
    SELECT t.id, t.user_id, t.operation::text, t.feature_type::text, t.amount, v_before::integer,
           v_after::integer, t.created_at, t.metadata, false, v_unset
      FROM public."CreditTransaction" t WHERE t.id = v_ledger;
END
$$;

REVOKE ALL ON FUNCTION creditdesk.adjust(text, uuid, text, integer, text, text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION creditdesk.adjust(text, uuid, text, integer, text, text, text, uuid)
  TO creditdesk_admin;

-- Legacy users (a NULL balance, which the web app shows as its default but can never charge):
-- how many there are, for a dry run. Columns are looked up by name: either may have been dropped.
CREATE FUNCTION creditdesk.count_unset_balances(p_user_id uuid DEFAULT NULL)
  RETURNS TABLE (users bigint, free_credits bigint, free_chat_messages bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_credits text := creditdesk.unset_condition('free_credits');
  v_chat text := creditdesk.unset_condition('free_chat_messages');
BEGIN
  RETURN QUERY EXECUTE format(
      'SELECT count(*) FILTER (WHERE %1$s OR %2$s), count(*) FILTER (WHERE %1$s),'
      ' count(*) FILTER (WHERE %2$s) FROM public."User" u WHERE ($1 IS NULL OR u.id = $1)',
      v_credits, v_chat)
    USING p_user_id;
END
$$;

-- "u.<column> IS NULL" when the balance column exists, else "false".
CREATE FUNCTION creditdesk.unset_condition(p_column text) RETURNS text
  LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
AS $$
  SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_attribute a
                            WHERE a.attrelid = to_regclass('public."User"') AND a.attname = p_column
                              AND a.attnum > 0 AND NOT a.attisdropped)
              THEN format('u.%I IS NULL', p_column) ELSE 'false' END
$$;
REVOKE ALL ON FUNCTION creditdesk.unset_condition(text) FROM PUBLIC;

-- Writes the web app's default into the NULL balances of one user, or of at most p_batch legacy
-- users (rows another session holds are skipped, never waited for, so a web-app statement waits
-- at most for one short batch). The client calls it, each call its own transaction, until
-- users = 0; busy says that rows are left which were locked just then. What the web app shows
-- does not change, so no ledger row is written; the balance-audit trigger records each change
-- with the admin's login.
CREATE FUNCTION creditdesk.initialise_balances(p_user_id uuid DEFAULT NULL, p_batch integer DEFAULT 1000)
  RETURNS TABLE (users integer, free_credits integer, free_chat_messages integer, busy boolean)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET lock_timeout = '3s'
AS $$
DECLARE
  v_credits text := creditdesk.unset_condition('free_credits');
  v_chat text := creditdesk.unset_condition('free_chat_messages');
  v_set text[] := ARRAY[]::text[];
  v_default_credits bigint;
  v_default_chat bigint;
  v_users integer;
  v_credit_count integer;
  v_chat_count integer;
  v_left boolean;
BEGIN
  IF p_batch IS NULL OR p_batch NOT BETWEEN 1 AND 10000 THEN
    RAISE EXCEPTION 'The batch size must be from 1 to 10000.' USING ERRCODE = 'CD001';
  END IF;
  SELECT coalesce(max(s.value::bigint) FILTER (WHERE s.name = 'webapp_unset_free_credits'), 10),
         coalesce(max(s.value::bigint) FILTER (WHERE s.name = 'webapp_unset_free_chat_messages'), 20)
    INTO v_default_credits, v_default_chat
    FROM creditdesk.setting s;
  IF v_credits <> 'false' THEN
    v_set := v_set || 'free_credits = coalesce(u.free_credits, $3)'::text;
  END IF;
  IF v_chat <> 'false' THEN
    v_set := v_set || 'free_chat_messages = coalesce(u.free_chat_messages, $4)'::text;
  END IF;
  IF cardinality(v_set) = 0 THEN
    RETURN QUERY SELECT 0, 0, 0, false;
    RETURN;
  END IF;
  -- One user: wait for its row (briefly, lock_timeout); all: skip what is locked.
  EXECUTE format(
      'WITH picked AS ('
      '  SELECT u.id, %1$s AS credits_unset, %2$s AS chat_unset FROM public."User" u'
      '   WHERE (%1$s OR %2$s) AND ($1::uuid IS NULL OR u.id = $1)'
      '   LIMIT $2 FOR UPDATE %4$s),'
      ' changed AS ('
      '  UPDATE public."User" u SET %3$s FROM picked p WHERE u.id = p.id'
      '  RETURNING p.credits_unset, p.chat_unset)'
      ' SELECT count(*)::integer, count(*) FILTER (WHERE credits_unset)::integer,'
      '        count(*) FILTER (WHERE chat_unset)::integer FROM changed',
      v_credits, v_chat, array_to_string(v_set, ', '),
      CASE WHEN p_user_id IS NULL THEN 'OF u SKIP LOCKED' ELSE 'OF u' END)
    INTO v_users, v_credit_count, v_chat_count
    USING p_user_id, p_batch, v_default_credits, v_default_chat;
  v_left := false;
  IF v_users = 0 AND p_user_id IS NULL THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM public."User" u WHERE %s OR %s)', v_credits, v_chat)
      INTO v_left;
  END IF;
  RETURN QUERY SELECT v_users, v_credit_count, v_chat_count, v_left;
END
$$;

REVOKE ALL ON FUNCTION creditdesk.count_unset_balances(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION creditdesk.initialise_balances(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION creditdesk.count_unset_balances(uuid) TO creditdesk_admin;
GRANT EXECUTE ON FUNCTION creditdesk.initialise_balances(uuid, integer) TO creditdesk_admin;
