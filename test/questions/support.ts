// Shared by the question-log tests: a knowledge copy with one FAQ entry that lists no related
// questions (its answer then has no buttons of its own, so it offers Helpful / Not helpful), and
// the bot's app on an ephemeral port with an operator token.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { composeApp, type App } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';

export const OPERATOR_TOKEN = 'questions-test-token-0123456789abcdef';
/** The entry whose related questions the copy removes: "How long does the cancellation review take?". */
export const ENTRY_WITHOUT_RELATED = 'cancel-review-time';

const FaqFile = z.looseObject({ entries: z.array(z.looseObject({ id: z.string(), related: z.array(z.string()).optional() })) });

/** A copy of the shipped knowledge in which ENTRY_WITHOUT_RELATED lists no related questions. */
export function knowledgeWithAnEntryWithoutRelated(): string {
  const dir = makeTempDir();
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  const file = join(dir, 'faq', 'cancel.json');
  const faq = FaqFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const entry = faq.entries.find((e) => e.id === ENTRY_WITHOUT_RELATED);
  if (!entry) throw new Error(`knowledge/faq/cancel.json has no entry ${ENTRY_WITHOUT_RELATED}`);
  entry.related = [];
  writeFileSync(file, JSON.stringify(faq, null, 2));
  return dir;
}

export interface RunningApp {
  app: App;
  url: string;
  dataDir: string;
  knowledgeDir: string;
  stop: () => Promise<void>;
}

/** The whole app (bot, stores, HTTP routes) on 127.0.0.1 and an ephemeral port. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = makeTempDir();
  const knowledgeDir = knowledgeWithAnEntryWithoutRelated();
  const app = await composeApp(parseConfig({ KNOWLEDGE_DIR: knowledgeDir, DATA_DIR: dataDir, OPERATOR_TOKEN, LOG_LEVEL: 'error', ...env }));
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = app.server.address();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    knowledgeDir,
    stop: async () => {
      await app.close();
      removeDir(dataDir);
      removeDir(knowledgeDir);
    },
  };
}

export const QuestionGroupJson = z.strictObject({
  text: z.string(),
  count: z.number(),
  examples: z.array(z.string()),
  locales: z.array(z.enum(['en', 'zh'])),
  outcomes: z.strictObject({ unknown: z.number(), unresolved: z.number() }),
  lastAt: z.iso.datetime(),
});
export const QuestionsJson = z.strictObject({ groups: z.array(QuestionGroupJson), total: z.number() });
export const FeedbackJson = z.strictObject({
  entries: z.array(
    z.strictObject({
      entryId: z.string(),
      question: z.string().nullable(),
      helpful: z.number(),
      notHelpful: z.number(),
      notHelpfulQuestions: z.array(z.string()),
      lastAt: z.iso.datetime(),
    }),
  ),
});
