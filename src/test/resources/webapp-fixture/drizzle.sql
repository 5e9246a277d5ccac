-- A production-like web-app database as Drizzle builds it: the SQL that `drizzle-kit generate`
-- emits (quoted identifiers, enums first, foreign keys added afterwards), then the bookkeeping of
-- drizzle-orm's migrator. Written from docs/shared-database.md, independently of migrations/V1.
-- Loaded by PrebuiltDatabaseTest as the web app's own login, split on the breakpoint markers the
-- way Drizzle's migrator splits a migration file.

-- drizzle/0000_swift_credits.sql
CREATE TYPE "public"."feature_type" AS ENUM('document_generation', 'workstream_clustering', 'chat_tool_call', 'chat_message');--> statement-breakpoint
CREATE TYPE "public"."operation_type" AS ENUM('deduct', 'refund', 'grant');--> statement-breakpoint
CREATE TYPE "public"."renewal_period" AS ENUM('monthly', 'yearly', 'lifetime');--> statement-breakpoint
CREATE TYPE "public"."user_level" AS ENUM('free', 'basic', 'pro', 'paid', 'demo');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('active', 'banned', 'deleted');--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "CreditTransaction" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"operation" "operation_type" NOT NULL,
	"feature_type" "feature_type" NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "Document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" varchar(256) NOT NULL,
	"content" text,
	"type" varchar(64) NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "User" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" varchar(64) NOT NULL,
	"password" varchar(255),
	"name" varchar(256),
	"image" varchar(512),
	"provider" varchar(32) DEFAULT 'credentials' NOT NULL,
	"provider_id" varchar(256),
	"preferences" jsonb DEFAULT '{"language":"en","documentInstructions":""}'::jsonb NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"level" "user_level" DEFAULT 'free' NOT NULL,
	"renewal_period" "renewal_period" DEFAULT 'monthly' NOT NULL,
	"last_payment" timestamp,
	"status" "user_status" DEFAULT 'active' NOT NULL,
	"stripe_customer_id" varchar(256),
	"tos_accepted_at" timestamp,
	"demo_user_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"free_credits" integer DEFAULT 10,
	"free_chat_messages" integer DEFAULT 20,
	CONSTRAINT "free_credits_non_negative" CHECK ("User"."free_credits" IS NULL OR "User"."free_credits" >= 0),
	CONSTRAINT "free_chat_messages_non_negative" CHECK ("User"."free_chat_messages" IS NULL OR "User"."free_chat_messages" >= 0)
);
--> statement-breakpoint
ALTER TABLE "CreditTransaction" ADD CONSTRAINT "CreditTransaction_user_id_User_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."User"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "Document" ADD CONSTRAINT "Document_user_id_User_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."User"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
--> statement-breakpoint
ALTER TABLE "User" ADD CONSTRAINT "User_demo_user_id_User_id_fk" FOREIGN KEY ("demo_user_id") REFERENCES "public"."User"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "credit_tx_user_id_idx" ON "CreditTransaction" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "credit_tx_created_at_idx" ON "CreditTransaction" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "credit_tx_user_created_at_idx" ON "CreditTransaction" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "document_user_id_idx" ON "Document" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "user_email_idx" ON "User" USING btree ("email");--> statement-breakpoint

-- drizzle/0001_fewer_free_credits.sql: the defaults have changed before; the console
-- must leave such drift alone rather than "repair" it to its own baseline.
ALTER TABLE "User" ALTER COLUMN "free_credits" SET DEFAULT 5;--> statement-breakpoint

-- drizzle-orm's migrator keeps its history in a schema of its own.
CREATE SCHEMA IF NOT EXISTS "drizzle";--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (
	id SERIAL PRIMARY KEY,
	hash text NOT NULL,
	created_at bigint
);
--> statement-breakpoint
INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at") VALUES
	('8c7e6f2b0a4d1e9f3c5b7a6d8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f', 1718000000000),
	('1f2e3d4c5b6a79881726354453627180a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4', 1726000000000);
