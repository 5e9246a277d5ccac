package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On an empty database the migrations must build the web app's tables exactly as docs/shared-database.md
 * describes them. The expectations below are written by hand from that contract, not copied from
 * migrations/V1, and compared with what the catalog says.
 */
class SchemaShapeTest {
  private final TestDatabase db = TestPostgres.newDatabase();

  private static final List<String> USER_COLUMNS = List.of(
      "id uuid not null default gen_random_uuid()",
      "email varchar(64) not null",
      "password varchar(255) null",
      "name varchar(256) null",
      "image varchar(512) null",
      "provider varchar(32) not null default 'credentials'::character varying",
      "provider_id varchar(256) null",
      "preferences jsonb not null default '{\"language\":\"en\",\"documentInstructions\":\"\"}'::jsonb",
      "created_at timestamp without time zone not null default now()",
      "updated_at timestamp without time zone not null default now()",
      "email_verified boolean not null default false",
      "level enum public.user_level not null default 'free'::public.user_level",
      "renewal_period enum public.renewal_period not null default 'monthly'::public.renewal_period",
      "last_payment timestamp without time zone null",
      "status enum public.user_status not null default 'active'::public.user_status",
      "stripe_customer_id varchar(256) null",
      "tos_accepted_at timestamp without time zone null",
      "demo_user_id uuid null",
      "is_demo boolean not null default false",
      "free_credits integer null default 10",
      "free_chat_messages integer null default 20");

  private static final List<String> LEDGER_COLUMNS = List.of(
      "id uuid not null default gen_random_uuid()",
      "user_id uuid not null",
      "amount integer not null",
      "operation enum public.operation_type not null",
      "feature_type enum public.feature_type not null",
      "metadata jsonb null",
      "created_at timestamp without time zone not null default now()");

  // The contract does not name the self-reference; Drizzle Kit names it <table>_<column>_<table>_<column>_fk.
  private static final List<String> USER_CONSTRAINTS = List.of(
      "User_demo_user_id_User_id_fk FOREIGN KEY (demo_user_id) REFERENCES public.\"User\"(id)"
          + " ON DELETE SET NULL",
      "User_pkey PRIMARY KEY (id)",
      "free_chat_messages_non_negative CHECK free_chat_messages IS NULL OR free_chat_messages >= 0",
      "free_credits_non_negative CHECK free_credits IS NULL OR free_credits >= 0");

  private static final List<String> LEDGER_CONSTRAINTS = List.of(
      "CreditTransaction_pkey PRIMARY KEY (id)",
      "CreditTransaction_user_id_User_id_fk FOREIGN KEY (user_id) REFERENCES public.\"User\"(id)"
          + " ON DELETE CASCADE");

  private static final List<String> USER_INDEXES = List.of(
      "CREATE UNIQUE INDEX \"User_pkey\" ON public.\"User\" USING btree (id)",
      "CREATE INDEX user_email_idx ON public.\"User\" USING btree (email)");

  private static final List<String> LEDGER_INDEXES = List.of(
      "CREATE UNIQUE INDEX \"CreditTransaction_pkey\" ON public.\"CreditTransaction\" USING btree (id)",
      "CREATE INDEX credit_tx_created_at_idx ON public.\"CreditTransaction\" USING btree (created_at)",
      "CREATE INDEX credit_tx_user_created_at_idx ON public.\"CreditTransaction\""
          + " USING btree (user_id, created_at)",
      "CREATE INDEX credit_tx_user_id_idx ON public.\"CreditTransaction\" USING btree (user_id)");

  private static final Map<String, List<String>> ENUMS = Map.of(
      "user_level", List.of("free", "basic", "pro", "paid", "demo"),
      "renewal_period", List.of("monthly", "yearly", "lifetime"),
      "user_status", List.of("active", "banned", "deleted"),
      "operation_type", List.of("deduct", "refund", "grant"),
      "feature_type", List.of(
          "document_generation", "workstream_clustering", "chat_tool_call", "chat_message"));

  @Test
  void userTableHasTheWebAppShape() throws Exception {
    try (Connection c = db.ownerConnection()) {
      Catalog catalog = new Catalog(c);
      assertThat(catalog.columns("public", "User")).containsExactlyElementsOf(USER_COLUMNS);
      assertThat(catalog.constraints("public", "User"))
          .containsExactlyInAnyOrderElementsOf(USER_CONSTRAINTS);
      assertThat(webAppOnly(catalog.indexes("public", "User")))
          .containsExactlyInAnyOrderElementsOf(USER_INDEXES);
    }
  }

  @Test
  void ledgerTableHasTheWebAppShape() throws Exception {
    try (Connection c = db.ownerConnection()) {
      Catalog catalog = new Catalog(c);
      assertThat(catalog.columns("public", "CreditTransaction"))
          .containsExactlyElementsOf(LEDGER_COLUMNS);
      assertThat(catalog.constraints("public", "CreditTransaction"))
          .containsExactlyInAnyOrderElementsOf(LEDGER_CONSTRAINTS);
      assertThat(webAppOnly(catalog.indexes("public", "CreditTransaction")))
          .containsExactlyInAnyOrderElementsOf(LEDGER_INDEXES);
    }
  }

  @Test
  void enumsHaveTheirValuesInOrder() throws Exception {
    try (Connection c = db.ownerConnection()) {
      Map<String, List<String>> enums = new Catalog(c).enums("public");
      assertThat(enums.keySet()).containsExactlyInAnyOrderElementsOf(ENUMS.keySet());
      ENUMS.forEach((type, values) ->
          assertThat(enums.get(type)).as(type).containsExactlyElementsOf(values));
    }
  }

  @Test
  void publicSchemaHoldsOnlyTheWebAppTables() throws Exception {
    try (Connection c = db.ownerConnection()) {
      Catalog catalog = new Catalog(c);
      assertThat(catalog.relations("public"))
          .extracting(line -> line.substring(0, line.indexOf(' ')))
          .containsExactlyInAnyOrder("User", "CreditTransaction");
      assertThat(catalog.functions("public")).as("functions in public").isEmpty();
      assertThat(catalog.otherTypes("public")).as("non-enum types in public").isEmpty();
      assertThat(catalog.rulesAndPolicies("public")).isEmpty();
      assertThat(catalog.relations("public")).allMatch(line -> line.contains("rls=false/false"));
    }
  }

  @Test
  void creditdeskAddsOnlyPrefixedTriggersAndIndexesToWebAppTables() throws Exception {
    try (Connection c = db.ownerConnection()) {
      Catalog catalog = new Catalog(c);
      for (String table : List.of("User", "CreditTransaction")) {
        List<String> triggers = catalog.triggerNames("public", table);
        assertThat(triggers).as("triggers on %s", table).isNotEmpty()
            .allMatch(name -> name.startsWith("creditdesk_"));
        List<String> expectedIndexes = table.equals("User")
            ? List.of("User_pkey", "user_email_idx")
            : List.of("CreditTransaction_pkey", "credit_tx_user_id_idx", "credit_tx_created_at_idx",
                "credit_tx_user_created_at_idx");
        assertThat(catalog.indexNames("public", table))
            .filteredOn(name -> !expectedIndexes.contains(name))
            .as("indexes creditdesk added on %s", table)
            .allMatch(name -> name.startsWith("creditdesk_"));
      }
    }
  }

  private static List<String> webAppOnly(List<String> indexDefinitions) {
    return indexDefinitions.stream().filter(d -> !d.contains(" creditdesk_")).toList();
  }
}
