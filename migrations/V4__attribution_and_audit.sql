-- Which creditdesk group a login belongs to (directly or through other roles), or NULL.
-- Explicit membership only: superusers count as members of every role for pg_has_role,
-- and the web app's own login must never be mistaken for staff.
CREATE FUNCTION creditdesk.staff_role(login name) RETURNS text
  LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
AS $$
  WITH RECURSIVE granted(roleid) AS (
    SELECT m.roleid FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
     WHERE r.rolname = login
    UNION
    SELECT m.roleid FROM pg_auth_members m JOIN granted g ON m.member = g.roleid
  )
  SELECT CASE
           WHEN bool_or(r.rolname = 'creditdesk_admin') THEN 'admin'
           WHEN bool_or(r.rolname = 'creditdesk_support') THEN 'support'
           WHEN bool_or(r.rolname = 'creditdesk_analyst') THEN 'analyst'
         END
    FROM granted g JOIN pg_roles r ON r.oid = g.roleid
$$;
GRANT EXECUTE ON FUNCTION creditdesk.staff_role(name)
  TO creditdesk_support, creditdesk_admin, creditdesk_analyst;

-- Attribution: a ledger row written in a staff session carries that session's login as
-- metadata.actor, whatever the client put there. SECURITY DEFINER because it fires for the web
-- app's own inserts too, and the web app's login has no USAGE on schema creditdesk.
CREATE FUNCTION creditdesk.stamp_actor() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF creditdesk.staff_role(session_user) IS NOT NULL THEN
    IF NEW.metadata IS NULL OR jsonb_typeof(NEW.metadata) <> 'object' THEN
      NEW.metadata := jsonb_strip_nulls(jsonb_build_object('value', NEW.metadata));
    END IF;
    NEW.metadata := NEW.metadata || jsonb_build_object('actor', session_user::text);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER creditdesk_ledger_actor
  BEFORE INSERT ON public."CreditTransaction"
  FOR EACH ROW EXECUTE FUNCTION creditdesk.stamp_actor();

-- No silent changes: every balance change made in a staff session, however it was made,
-- leaves an append-only record of who, what, from which value to which, and when.
CREATE TABLE creditdesk.balance_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id uuid NOT NULL,
  balance text NOT NULL CHECK (balance IN ('free_credits', 'free_chat_messages')),
  old_value integer,
  new_value integer,
  login name NOT NULL,
  staff_role text NOT NULL,
  changed_at timestamp NOT NULL DEFAULT (statement_timestamp() AT TIME ZONE 'UTC'),
  transaction_id bigint NOT NULL DEFAULT txid_current(),
  application_name text DEFAULT current_setting('application_name', true),
  client_addr inet DEFAULT inet_client_addr()
);
CREATE INDEX balance_audit_user_idx ON creditdesk.balance_audit (user_id, changed_at);

CREATE FUNCTION creditdesk.audit_balance_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_role text := creditdesk.staff_role(session_user);
BEGIN
  IF v_role IS NULL THEN
    RETURN NULL;
  END IF;
  IF OLD.free_credits IS DISTINCT FROM NEW.free_credits THEN
    INSERT INTO creditdesk.balance_audit (user_id, balance, old_value, new_value, login, staff_role)
    VALUES (NEW.id, 'free_credits', OLD.free_credits, NEW.free_credits, session_user, v_role);
  END IF;
  IF OLD.free_chat_messages IS DISTINCT FROM NEW.free_chat_messages THEN
    INSERT INTO creditdesk.balance_audit (user_id, balance, old_value, new_value, login, staff_role)
    VALUES (NEW.id, 'free_chat_messages', OLD.free_chat_messages, NEW.free_chat_messages,
            session_user, v_role);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER creditdesk_balance_audit
  AFTER UPDATE OF free_credits, free_chat_messages ON public."User"
  FOR EACH ROW
  WHEN (OLD.free_credits IS DISTINCT FROM NEW.free_credits
        OR OLD.free_chat_messages IS DISTINCT FROM NEW.free_chat_messages)
  EXECUTE FUNCTION creditdesk.audit_balance_change();

-- The audit trail is append-only like the ledger, and goes with its user on erasure.
CREATE TRIGGER balance_audit_append_only
  BEFORE UPDATE OR DELETE ON creditdesk.balance_audit
  FOR EACH ROW EXECUTE FUNCTION creditdesk.refuse_ledger_change();
CREATE TRIGGER balance_audit_no_truncate
  BEFORE TRUNCATE ON creditdesk.balance_audit
  FOR EACH STATEMENT EXECUTE FUNCTION creditdesk.refuse_ledger_truncate();

GRANT SELECT ON creditdesk.balance_audit TO creditdesk_support, creditdesk_admin;
REVOKE ALL ON FUNCTION creditdesk.stamp_actor() FROM PUBLIC;
REVOKE ALL ON FUNCTION creditdesk.audit_balance_change() FROM PUBLIC;
