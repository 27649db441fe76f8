-- What the bot tells users about their orders after they are recorded (src/notifications): one row
-- per notification with its attempts, and a lease so that of several instances one sends it; when
-- notifying began (older history is never announced); each user's choice about reminders.

CREATE TABLE notifications (
  -- state:<order>:<history index>, phone:<order>:<history index>, expiry:<order>
  key text PRIMARY KEY CHECK (char_length(key) <= 200),
  order_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('state', 'phone', 'expiry')),
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  -- [{ "at", "ok", "error" }]: a status or a cause per attempt, never the message or an address
  attempts jsonb NOT NULL DEFAULT '[]',
  next_attempt_at timestamptz,
  -- the instance that is sending it now, until lease_until; an expired lease may be taken over
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL
);

-- The back office lists an order's notifications, and the failed ones.
CREATE INDEX notifications_by_order ON notifications (order_id, created_at);
CREATE INDEX notifications_by_status ON notifications (status, created_at);

CREATE TABLE notifier_state (
  name text PRIMARY KEY,
  value timestamptz NOT NULL
);

CREATE TABLE reminder_preferences (
  channel_id text NOT NULL,
  user_id text NOT NULL,
  reminders_on boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (channel_id, user_id)
);
