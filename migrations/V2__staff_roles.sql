-- Group roles for staff. Staff log in as themselves, each login a member of exactly one of these
-- (see `creditdesk staff`). The roles are cluster-wide, so they may already exist.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['creditdesk_support', 'creditdesk_admin', 'creditdesk_analyst'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END
$$;

-- Least privilege: read everything support needs, never the password hash.
GRANT USAGE ON SCHEMA public TO creditdesk_support, creditdesk_admin, creditdesk_analyst;
GRANT USAGE ON SCHEMA creditdesk TO creditdesk_support, creditdesk_admin, creditdesk_analyst;

GRANT SELECT (id, email, name, image, provider, provider_id, preferences, created_at, updated_at,
              email_verified, level, renewal_period, last_payment, status, stripe_customer_id,
              tos_accepted_at, demo_user_id, is_demo, free_credits, free_chat_messages)
  ON public."User" TO creditdesk_support, creditdesk_admin, creditdesk_analyst;
GRANT SELECT ON public."CreditTransaction"
  TO creditdesk_support, creditdesk_admin, creditdesk_analyst;

-- The console compares the applied schema version with its own at login.
GRANT SELECT ON creditdesk.flyway_schema_history
  TO creditdesk_support, creditdesk_admin, creditdesk_analyst;

-- Defaults that `creditdesk staff` copies onto each staff login (settings of a group role do not
-- reach its members). A frozen or disconnected console never holds a user row for long.
ALTER ROLE creditdesk_support SET lock_timeout = '3s';
ALTER ROLE creditdesk_support SET statement_timeout = '30s';
ALTER ROLE creditdesk_support SET idle_in_transaction_session_timeout = '5s';
ALTER ROLE creditdesk_admin SET lock_timeout = '3s';
ALTER ROLE creditdesk_admin SET statement_timeout = '30s';
ALTER ROLE creditdesk_admin SET idle_in_transaction_session_timeout = '5s';
ALTER ROLE creditdesk_analyst SET lock_timeout = '3s';
ALTER ROLE creditdesk_analyst SET statement_timeout = '0';
ALTER ROLE creditdesk_analyst SET idle_in_transaction_session_timeout = '60s';
