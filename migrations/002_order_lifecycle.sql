-- Orders that move (knowledge/order-lifecycle.json): more states, who made each move, longer notes
-- (a rejection's reasons), and the back office's listing by age. "One order in process per filing"
-- now covers every state in which an order is still being worked on (ACTIVE_STATES in
-- src/domain/orders/order-summary.ts).

ALTER TABLE orders DROP CONSTRAINT orders_state_check;
ALTER TABLE orders ADD CONSTRAINT orders_state_check
  CHECK (state IN ('in_process', 'provider_review', 'phone_verification', 'submitted', 'completed', 'rejected', 'withdrawn', 'expired'));

DROP INDEX orders_one_in_process_per_subject;
CREATE UNIQUE INDEX orders_one_active_per_subject ON orders (subject_number)
  WHERE state IN ('in_process', 'provider_review', 'phone_verification', 'submitted');

ALTER TABLE order_history DROP CONSTRAINT order_history_state_check;
ALTER TABLE order_history ADD CONSTRAINT order_history_state_check
  CHECK (state IN ('in_process', 'provider_review', 'phone_verification', 'submitted', 'completed', 'rejected', 'withdrawn', 'expired'));
ALTER TABLE order_history DROP CONSTRAINT order_history_note_check;
ALTER TABLE order_history ADD CONSTRAINT order_history_note_check CHECK (char_length(note) <= 1000);
-- "user", "system" or the operator's name
ALTER TABLE order_history ADD COLUMN made_by text CHECK (char_length(made_by) <= 100);

-- The back office lists every order newest first; the notifier asks what changed since it last looked.
CREATE INDEX orders_by_created ON orders (created_at DESC);
CREATE INDEX order_history_by_at ON order_history (at);
