-- The ledger is append-only for every role, the owner included. The one exception is the
-- deliberate ON DELETE CASCADE from "User" (GDPR erasure): when the row is deleted by the
-- foreign key's own trigger and its user is already gone, it may go.
CREATE FUNCTION creditdesk.refuse_ledger_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1
     AND NOT EXISTS (SELECT 1 FROM public."User" u WHERE u.id = OLD.user_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the credit ledger is append-only: % of "%" rows is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Correct a mistake with a compensating entry (creditdesk grant, refund or correct).';
END
$$;

CREATE FUNCTION creditdesk.refuse_ledger_truncate() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION 'the credit ledger is append-only: TRUNCATE of "%" is not allowed', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER creditdesk_ledger_append_only
  BEFORE UPDATE OR DELETE ON public."CreditTransaction"
  FOR EACH ROW EXECUTE FUNCTION creditdesk.refuse_ledger_change();

CREATE TRIGGER creditdesk_ledger_no_truncate
  BEFORE TRUNCATE ON public."CreditTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION creditdesk.refuse_ledger_truncate();

REVOKE ALL ON FUNCTION creditdesk.refuse_ledger_change() FROM PUBLIC;
REVOKE ALL ON FUNCTION creditdesk.refuse_ledger_truncate() FROM PUBLIC;
