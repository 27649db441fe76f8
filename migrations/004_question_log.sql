-- What operators learn from: questions the bot could not answer ("I don't know", or a "did you
-- mean" the user did not pick) and feedback on answers. Text is scrubbed of personal data before it
-- gets here; no user or conversation id is kept. The store keeps the newest rows (see
-- MAX_RECORDS_KEPT in src/domain/questions/question-log.ts) and deletes older ones as it adds.

CREATE TABLE unanswered_questions (
  id bigserial PRIMARY KEY,
  text text NOT NULL CHECK (char_length(text) <= 500),
  locale text NOT NULL CHECK (locale IN ('en', 'zh')),
  outcome text NOT NULL CHECK (outcome IN ('unknown', 'unresolved')),
  -- the FAQ entry ids offered, best first
  candidates text[] NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
-- "since" filters and the operator's view, newest last.
CREATE INDEX unanswered_questions_by_time ON unanswered_questions (at);

CREATE TABLE answer_feedback (
  id bigserial PRIMARY KEY,
  entry_id text NOT NULL CHECK (char_length(entry_id) <= 100),
  helpful boolean NOT NULL,
  locale text NOT NULL CHECK (locale IN ('en', 'zh')),
  question text NOT NULL CHECK (char_length(question) <= 500),
  at timestamptz NOT NULL
);
CREATE INDEX answer_feedback_by_time ON answer_feedback (at);
