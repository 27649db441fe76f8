// Records a full cancel flow through the bot, in process, as a Bot Framework .transcript (a JSON
// array of activities) the Emulator opens: docs/cancel-flow.transcript. Run: npx tsx scripts/record-transcript.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActivityTypes, MemoryStorage, TestAdapter, TranscriptLoggerMiddleware, type Activity } from 'botbuilder';
import { composeBot } from '../src/compose.js';

export const TRANSCRIPT_FILE = fileURLToPath(new URL('../docs/cancel-flow.transcript', import.meta.url));
const KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge', import.meta.url));

const USER = { id: 'user', name: 'User', role: 'user' };
const BOT = { id: 'filing-assistant', name: 'Filing Assistant', role: 'bot' };
const CONVERSATION = { id: 'cancel-flow', isGroup: false, conversationType: 'personal', name: 'Cancel a website filing' };
/** Fixed times, so recording again changes only what the bot says (and the new order's id). */
const START = Date.parse('2026-01-05T09:00:00Z');
const SECONDS_BETWEEN_ACTIVITIES = 4;

/** What the user does, in order: opens the chat, asks to cancel, taps two buttons, confirms on the card. */
export const CANCEL_FLOW: readonly Partial<Activity>[] = [
  { type: ActivityTypes.ConversationUpdate, membersAdded: [USER] },
  { type: ActivityTypes.Message, text: 'cancel the website example.cn, 京ICP备12345678号-1' },
  { type: ActivityTypes.Message, text: 'Cancel the whole website' },
  { type: ActivityTypes.Message, text: 'Yes, I am the subject' },
  // Confirm on the Adaptive Card: Action.Submit sends the card's data as the value, without text.
  { type: ActivityTypes.Message, value: { answer: 'Confirm' } },
];

/** Runs the cancel flow against a fresh bot (its data in a temp folder) and returns every activity, typing left out. */
export async function recordCancelFlow(): Promise<Partial<Activity>[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'filing-assistant-transcript-'));
  const parts = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: dataDir }, { storage: new MemoryStorage() });
  const recorded: Partial<Activity>[] = [];
  try {
    const adapter = new TestAdapter((context) => parts.bot.run(context), {
      channelId: 'emulator',
      conversation: CONVERSATION,
      recipient: BOT,
      serviceUrl: 'http://localhost:3978',
    });
    adapter.use(new TranscriptLoggerMiddleware({ logActivity: (activity) => void recorded.push({ ...activity }) }));
    for (const activity of CANCEL_FLOW) {
      await adapter.processActivity({ ...activity, from: USER });
      adapter.activeQueue.splice(0);
    }
  } finally {
    await parts.orders.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const kept = recorded.filter((activity) => activity.type !== ActivityTypes.Typing);
  // Ids as a channel numbers them; replies keep pointing at what they answer.
  const newIds = new Map(kept.map((activity, index) => [activity.id ?? '', `${CONVERSATION.id}|${index}`]));
  return kept.map((activity, index) => {
    const fromBot = activity.from?.id === BOT.id;
    const copy: Partial<Activity> = {
      ...activity,
      id: `${CONVERSATION.id}|${index}`,
      ...(activity.replyToId ? { replyToId: newIds.get(activity.replyToId) ?? activity.replyToId } : {}),
      timestamp: new Date(START + index * SECONDS_BETWEEN_ACTIVITIES * 1000),
      channelId: 'emulator',
      conversation: CONVERSATION,
      from: fromBot ? BOT : USER,
      recipient: fromBot ? USER : BOT,
    };
    delete copy.serviceUrl;
    delete copy.localTimestamp;
    return copy;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const activities = await recordCancelFlow();
  writeFileSync(TRANSCRIPT_FILE, `${JSON.stringify(activities, null, 2)}\n`);
  process.stdout.write(`wrote ${activities.length} activities to ${TRANSCRIPT_FILE}\n`);
}
