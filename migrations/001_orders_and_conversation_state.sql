-- Orders with their state history, and each user's conversation state, for several bot instances
-- sharing one database. The database enforces what it can: one order in process per filing
-- subject, one order per incoming message (a channel retry), history rows that belong to an order.

CREATE TABLE orders (
  id text PRIMARY KEY,
  type text NOT NULL,
  subject_number text NOT NULL,
  channel_id text NOT NULL,
  user_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_process', 'withdrawn', 'completed', 'rejected')),
  created_at timestamptz NOT NULL,
  -- channel + conversation + activity id of the message that placed the order
  source_activity_key text NOT NULL UNIQUE,
  -- the order as recorded, less its state and history; fields a later version adds are kept here
  document jsonb NOT NULL
);

-- The rule "one order at a time per filing", enforced even if two instances decide at once.
CREATE UNIQUE INDEX orders_one_in_process_per_subject ON orders (subject_number) WHERE state = 'in_process';
-- "my orders", newest first.
CREATE INDEX orders_by_user ON orders (channel_id, user_id, created_at DESC);

CREATE TABLE order_history (
  order_id text NOT NULL REFERENCES orders (id),
  seq integer NOT NULL CHECK (seq >= 1),
  state text NOT NULL CHECK (state IN ('in_process', 'withdrawn', 'completed', 'rejected')),
  at timestamptz NOT NULL,
  -- the time exactly as the order recorded it (ISO 8601), so an order reads back unchanged
  at_text text NOT NULL,
  note text CHECK (char_length(note) <= 200),
  PRIMARY KEY (order_id, seq)
);

CREATE TABLE conversation_state (
  key text PRIMARY KEY,
  etag bigint NOT NULL,
  item jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every write takes the next value: an eTag never repeats, whichever instance wrote.
CREATE SEQUENCE conversation_state_etag;

-- Forgetting idle conversations scans by age.
CREATE INDEX conversation_state_updated_at ON conversation_state (updated_at);
