// Moves the lowdb question log (DATA_DIR/questions) into PostgreSQL for `npm run db:import`:
// records already there are not added again, the oldest first order the operators' view and the
// cap rely on is kept, and the tables keep at most MAX_RECORDS_KEPT rows of each kind.
import { MAX_RECORDS_KEPT } from '../../src/domain/questions/question-log.js';
import type { Database } from '../../src/persistence/postgres/database.js';
import { LowdbQuestionLog } from '../../src/persistence/questions/lowdb-question-log.js';
import { noCounts, type ImportCounts } from './counts.js';

export interface QuestionLogCounts {
  unanswered: ImportCounts;
  feedback: ImportCounts;
}

/** One table of the log: its record columns (in this order in the parameters), and how each arrives. */
interface LogTable {
  name: 'unanswered_questions' | 'answer_feedback';
  columns: readonly { name: string; parameterType: string; fromParameter?: string }[];
}

const UNANSWERED: LogTable = {
  name: 'unanswered_questions',
  columns: [
    { name: 'text', parameterType: 'text[]' },
    { name: 'locale', parameterType: 'text[]' },
    { name: 'outcome', parameterType: 'text[]' },
    // An array of arrays cannot be unnested row by row (PostgreSQL flattens it): each list comes as JSON.
    { name: 'candidates', parameterType: 'jsonb[]', fromParameter: 'ARRAY(SELECT jsonb_array_elements_text(candidates))' },
    { name: 'at', parameterType: 'timestamptz[]' },
  ],
};

const FEEDBACK: LogTable = {
  name: 'answer_feedback',
  columns: [
    { name: 'entry_id', parameterType: 'text[]' },
    { name: 'helpful', parameterType: 'boolean[]' },
    { name: 'locale', parameterType: 'text[]' },
    { name: 'question', parameterType: 'text[]' },
    { name: 'at', parameterType: 'timestamptz[]' },
  ],
};

/**
 * One statement. Records carry no id, so "already there" is counted: a record the file holds n
 * times and the table m times is added n - m times (identical questions at the same millisecond
 * stay as many as they were). When anything is added, the table is rewritten in time order (ids
 * only grow, and the store lists and caps by id), keeping the newest `maxKept`; at the same time a
 * row already there counts as the newer, so a second run drops nothing it kept the first time.
 */
function importStatement(table: LogTable): string {
  const names = table.columns.map((column) => column.name).join(', ');
  const parameters = table.columns.map((column, index) => `$${index + 1}::${column.parameterType}`).join(', ');
  const fromParameters = table.columns.map((column) => `${column.fromParameter ?? column.name} AS ${column.name}`).join(', ');
  const maxKept = `$${table.columns.length + 1}`;
  return `WITH incoming AS (
       SELECT ${fromParameters}, ord FROM unnest(${parameters}) WITH ORDINALITY AS i(${names}, ord)),
     numbered AS (
       SELECT *, row_number() OVER (PARTITION BY ${names} ORDER BY ord) AS nth FROM incoming),
     there AS (
       SELECT ${names}, count(*) AS n FROM ${table.name} GROUP BY ${names}),
     missing AS (
       SELECT numbered.* FROM numbered LEFT JOIN there USING (${names}) WHERE numbered.nth > coalesce(there.n, 0)),
     merged AS (
       SELECT ${names}, id AS old_id, NULL::bigint AS ord FROM ${table.name}
       UNION ALL SELECT ${names}, NULL, ord FROM missing),
     kept AS (
       SELECT * FROM merged ORDER BY at DESC, old_id DESC NULLS LAST, ord DESC LIMIT ${maxKept}),
     removed AS (
       DELETE FROM ${table.name} WHERE EXISTS (SELECT 1 FROM kept WHERE old_id IS NULL)),
     added AS (
       INSERT INTO ${table.name} (${names})
       SELECT ${names} FROM kept WHERE EXISTS (SELECT 1 FROM kept WHERE old_id IS NULL) ORDER BY at, old_id NULLS FIRST, ord)
     SELECT (SELECT count(*) FROM incoming)::int AS read,
            (SELECT count(*) FROM missing)::int AS missing,
            (SELECT count(*) FROM kept WHERE old_id IS NULL)::int AS imported`;
}

async function importInto(database: Database, table: LogTable, columns: readonly unknown[][], maxKept: number): Promise<ImportCounts> {
  const counts = noCounts();
  if ((columns[0]?.length ?? 0) === 0) return counts;
  const result = await database.transaction(async (client) => {
    // A bot already on this database waits while the table is rewritten, so none of its records is lost.
    await client.query(`LOCK TABLE ${table.name} IN SHARE ROW EXCLUSIVE MODE`);
    return client.query(importStatement(table), [...columns, maxKept]);
  });
  const row = result.rows[0];
  const read = Number(row?.read ?? 0);
  const missing = Number(row?.missing ?? 0);
  counts.imported = Number(row?.imported ?? 0);
  counts.alreadyThere = read - missing;
  // Older than every record kept in a full table: the store would have dropped them too.
  counts.skipped = missing - counts.imported;
  return counts;
}

/** Reads the log with the lowdb store itself (records it cannot read are left out and logged, as the bot does). */
export async function importQuestionLog(database: Database, dataDir: string, maxKept = MAX_RECORDS_KEPT): Promise<QuestionLogCounts> {
  const log = await LowdbQuestionLog.open(dataDir);
  try {
    const unanswered = await log.unanswered();
    const feedback = await log.feedback();
    return {
      unanswered: await importInto(
        database,
        UNANSWERED,
        [
          unanswered.map((q) => q.text),
          unanswered.map((q) => q.locale),
          unanswered.map((q) => q.outcome),
          unanswered.map((q) => JSON.stringify(q.candidates)),
          unanswered.map((q) => q.at),
        ],
        maxKept,
      ),
      feedback: await importInto(
        database,
        FEEDBACK,
        [feedback.map((f) => f.entryId), feedback.map((f) => f.helpful), feedback.map((f) => f.locale), feedback.map((f) => f.question), feedback.map((f) => f.at)],
        maxKept,
      ),
    };
  } finally {
    await log.close();
  }
}
