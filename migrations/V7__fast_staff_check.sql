-- The attribution and audit triggers (V4) fire on every web-app ledger insert and balance update.
-- V4 answered "is this session staff?" with a recursive catalog query on every row (about 40 µs
-- of CPU per ledger insert). Here the common answer, "no", comes from pg_has_role, which reads the
-- backend's cached role memberships; the catalog query remains for the few sessions it cannot
-- settle. Same meaning as V4: explicit (direct or inherited) membership of a creditdesk group
-- decides, admin > support > analyst, session_user is the identity.
--
-- pg_has_role(x, g, 'MEMBER') is exact for ordinary roles, but true for every superuser and for g
-- itself. So "false for all three groups" means not staff; a partial answer from an ordinary role
-- is its role; everything else (superusers, members of all three, a group itself) goes to the
-- catalog. to_regrole instead of role names: a missing role must not raise an error inside the
-- web app's writes.
CREATE OR REPLACE FUNCTION creditdesk.staff_role(login name) RETURNS text
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_login oid := to_regrole(quote_ident(login));
  v_admin_role oid := to_regrole('creditdesk_admin');
  v_support_role oid := to_regrole('creditdesk_support');
  v_analyst_role oid := to_regrole('creditdesk_analyst');
  v_admin boolean := coalesce(pg_has_role(v_login, v_admin_role, 'MEMBER'), false);
  v_support boolean := coalesce(pg_has_role(v_login, v_support_role, 'MEMBER'), false);
  v_analyst boolean := coalesce(pg_has_role(v_login, v_analyst_role, 'MEMBER'), false);
BEGIN
  IF v_login IS NULL OR NOT (v_admin OR v_support OR v_analyst) THEN
    RETURN NULL;
  END IF;
  IF NOT (v_admin AND v_support AND v_analyst)
     AND v_login NOT IN (v_admin_role, v_support_role, v_analyst_role) THEN
    RETURN CASE WHEN v_admin THEN 'admin' WHEN v_support THEN 'support' ELSE 'analyst' END;
  END IF;
  -- A superuser (or an odd role) with no explicit membership at all: not staff, one index probe.
  IF NOT EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = v_login) THEN
    RETURN NULL;
  END IF;
  RETURN (
    WITH RECURSIVE granted(roleid) AS (
      SELECT m.roleid FROM pg_auth_members m WHERE m.member = v_login
      UNION
      SELECT m.roleid FROM pg_auth_members m JOIN granted g ON m.member = g.roleid
    )
    SELECT CASE
             WHEN bool_or(g.roleid = v_admin_role) THEN 'admin'
             WHEN bool_or(g.roleid = v_support_role) THEN 'support'
             WHEN bool_or(g.roleid = v_analyst_role) THEN 'analyst'
           END
      FROM granted g);
END
$$;

-- The triggers test "possibly staff" inline (no function call for the web app's rows) and ask
-- staff_role only when that test passes.
CREATE OR REPLACE FUNCTION creditdesk.stamp_actor() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_login oid := to_regrole(quote_ident(session_user));
BEGIN
  IF coalesce(pg_has_role(v_login, to_regrole('creditdesk_admin'), 'MEMBER')
              OR pg_has_role(v_login, to_regrole('creditdesk_support'), 'MEMBER')
              OR pg_has_role(v_login, to_regrole('creditdesk_analyst'), 'MEMBER'), false)
     AND creditdesk.staff_role(session_user) IS NOT NULL THEN
    IF NEW.metadata IS NULL OR jsonb_typeof(NEW.metadata) <> 'object' THEN
      NEW.metadata := jsonb_strip_nulls(jsonb_build_object('value', NEW.metadata));
    END IF;
    NEW.metadata := NEW.metadata || jsonb_build_object('actor', session_user::text);
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION creditdesk.audit_balance_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_login oid := to_regrole(quote_ident(session_user));
  v_role text;
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
