-- The users as they are now: their start plus everything that happened to the balance, logged
-- or not. Inserted in sign-up order, like production's heap.
INSERT INTO public."User" (id, email, password, name, image, provider, provider_id,
    preferences, created_at, updated_at, email_verified, level, renewal_period, last_payment,
    status, stripe_customer_id, tos_accepted_at, is_demo, free_credits, free_chat_messages)
WITH moved AS (
  SELECT idx,
         sum(CASE WHEN kind = 'c' THEN CASE op WHEN 'deduct' THEN -amount ELSE amount END END) AS credits,
         sum(CASE WHEN kind = 'm' THEN CASE op WHEN 'deduct' THEN -amount ELSE amount END END) AS chat
    FROM demo_tx
   GROUP BY idx
)
SELECT u.id, u.email, u.password, u.name, u.image, u.provider, u.provider_id, u.preferences,
       u.created_at, u.updated_at, u.email_verified, u.level::public.user_level,
       u.renewal::public.renewal_period, u.last_payment, u.status::public.user_status,
       u.stripe_customer_id, u.tos_at, u.level = 'demo',
       u.start_credits + coalesce(m.credits, 0), u.start_chat + coalesce(m.chat, 0)
  FROM demo_user u LEFT JOIN moved m USING (idx)
 ORDER BY u.created_at
