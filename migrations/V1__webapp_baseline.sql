-- The web app's own tables, exactly as its Drizzle migrations create them (docs/shared-database.md).
-- Created only where they are absent: against the production database this changes nothing.
DO $$
BEGIN
  IF to_regtype('public.user_level') IS NULL THEN
    CREATE TYPE public.user_level AS ENUM ('free', 'basic', 'pro', 'paid', 'demo');
  END IF;
  IF to_regtype('public.renewal_period') IS NULL THEN
    CREATE TYPE public.renewal_period AS ENUM ('monthly', 'yearly', 'lifetime');
  END IF;
  IF to_regtype('public.user_status') IS NULL THEN
    CREATE TYPE public.user_status AS ENUM ('active', 'banned', 'deleted');
  END IF;
  IF to_regtype('public.operation_type') IS NULL THEN
    CREATE TYPE public.operation_type AS ENUM ('deduct', 'refund', 'grant');
  END IF;
  IF to_regtype('public.feature_type') IS NULL THEN
    CREATE TYPE public.feature_type AS ENUM (
      'document_generation', 'workstream_clustering', 'chat_tool_call', 'chat_message');
  END IF;

  IF to_regclass('public."User"') IS NULL THEN
    CREATE TABLE public."User" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
      email varchar(64) NOT NULL,
      password varchar(255),
      name varchar(256),
      image varchar(512),
      provider varchar(32) DEFAULT 'credentials' NOT NULL,
      provider_id varchar(256),
      preferences jsonb DEFAULT '{"language":"en","documentInstructions":""}'::jsonb NOT NULL,
      created_at timestamp DEFAULT now() NOT NULL,
      updated_at timestamp DEFAULT now() NOT NULL,
      email_verified boolean DEFAULT false NOT NULL,
      level public.user_level DEFAULT 'free' NOT NULL,
      renewal_period public.renewal_period DEFAULT 'monthly' NOT NULL,
      last_payment timestamp,
      status public.user_status DEFAULT 'active' NOT NULL,
      stripe_customer_id varchar(256),
      tos_accepted_at timestamp,
      demo_user_id uuid,
      is_demo boolean DEFAULT false NOT NULL,
      free_credits integer DEFAULT 10,
      free_chat_messages integer DEFAULT 20,
      CONSTRAINT free_credits_non_negative CHECK (free_credits IS NULL OR free_credits >= 0),
      CONSTRAINT free_chat_messages_non_negative
        CHECK (free_chat_messages IS NULL OR free_chat_messages >= 0)
    );
    ALTER TABLE public."User" ADD CONSTRAINT "User_demo_user_id_User_id_fk"
      FOREIGN KEY (demo_user_id) REFERENCES public."User"(id) ON DELETE SET NULL ON UPDATE NO ACTION;
    CREATE INDEX user_email_idx ON public."User" USING btree (email);
  END IF;

  IF to_regclass('public."CreditTransaction"') IS NULL THEN
    CREATE TABLE public."CreditTransaction" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
      user_id uuid NOT NULL,
      amount integer NOT NULL,
      operation public.operation_type NOT NULL,
      feature_type public.feature_type NOT NULL,
      metadata jsonb,
      created_at timestamp DEFAULT now() NOT NULL
    );
    ALTER TABLE public."CreditTransaction" ADD CONSTRAINT "CreditTransaction_user_id_User_id_fk"
      FOREIGN KEY (user_id) REFERENCES public."User"(id) ON DELETE CASCADE ON UPDATE NO ACTION;
    CREATE INDEX credit_tx_user_id_idx ON public."CreditTransaction" USING btree (user_id);
    CREATE INDEX credit_tx_created_at_idx ON public."CreditTransaction" USING btree (created_at);
    CREATE INDEX credit_tx_user_created_at_idx
      ON public."CreditTransaction" USING btree (user_id, created_at);
  END IF;
END
$$;
