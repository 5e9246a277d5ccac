-- Trigram indexes for substring search of users by email and name. Built CONCURRENTLY so that
-- running this on the live shared database never blocks the web app's writes; hence this script
-- runs outside a transaction (V6__search_indexes.sql.conf). pg_trgm is a trusted extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA creditdesk;

-- The operator class lives wherever pg_trgm was installed (creditdesk, or public if it already was).
SET search_path = creditdesk, public;

CREATE INDEX CONCURRENTLY IF NOT EXISTS creditdesk_user_email_trgm_idx
  ON public."User" USING gin (email gin_trgm_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS creditdesk_user_name_trgm_idx
  ON public."User" USING gin (name gin_trgm_ops);

RESET search_path;
