// Where a turn's time goes, measured in-process without HTTP: the understanding of each text, the
// whole bot turn on memory storage and on the lowdb storage, by kind of turn. Complements
// bench/run.ts (which measures over HTTP) when looking for what to make faster.
//
//   npx tsx bench/turn-costs.ts [conversations=300]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { composeBot, type BotParts } from '../src/compose.js';
import { setLogLevel } from '../src/log.js';
import { interpret } from '../src/understanding/interpret.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KNOWLEDGE_DIR = join(ROOT, 'knowledge');
const NLU_REPEATS = 200;

/** The turns of one bench/run.ts conversation, by kind. */
function script(n: number): { step: string; text: string }[] {
  const questions = [
    'how long does the cancellation review take?',
    'which provinces need phone verification',
    'do I have to transfer my beian to alibaba cloud?',
  ];
  return [
    { step: 'greeting', text: 'hello' },
    ...questions.map((text) => ({ step: 'faq', text })),
    { step: 'cancel: start', text: `cancel the website shop${n}.example.cn, 京ICP备${50_000_000 + n}号-1` },
    { step: 'cancel: whole', text: 'Cancel the whole website' },
    { step: 'cancel: asker', text: 'Yes, I am the subject' },
    { step: 'cancel: confirm', text: 'Confirm' },
    { step: 'my orders', text: 'my orders' },
  ];
}

class Timings {
  private readonly totals = new Map<string, { ms: number; count: number }>();
  add(step: string, ms: number): void {
    const t = this.totals.get(step) ?? { ms: 0, count: 0 };
    t.ms += ms;
    t.count += 1;
    this.totals.set(step, t);
  }
  mean(step: string): number {
    const t = this.totals.get(step);
    return t && t.count > 0 ? t.ms / t.count : 0;
  }
  steps(): string[] {
    return [...this.totals.keys()];
  }
  overall(): number {
    let ms = 0;
    let count = 0;
    for (const t of this.totals.values()) {
      ms += t.ms;
      count += t.count;
    }
    return count > 0 ? ms / count : 0;
  }
}

async function playConversations(parts: BotParts, conversations: number, tag: string): Promise<Timings> {
  const timings = new Timings();
  for (let n = 0; n < conversations; n++) {
    const adapter = new TestAdapter((context) => parts.bot.run(context), {
      channelId: 'emulator',
      conversation: { id: `${tag}-${n}`, isGroup: false, conversationType: 'personal', name: 'costs' },
      from: { id: `${tag}-user-${n}`, name: 'user' },
    });
    for (const { step, text } of script(n)) {
      const started = performance.now();
      await adapter.receiveActivity(text);
      timings.add(step, performance.now() - started);
      adapter.activeQueue.splice(0);
    }
  }
  return timings;
}

function fmt(ms: number): string {
  return ms.toFixed(2).padStart(8);
}

async function main(): Promise<void> {
  const conversations = Number(process.argv[2] ?? '300');
  setLogLevel('warn');
  const dataDir = mkdtempSync(join(tmpdir(), 'fa-turn-costs-'));
  try {
    const inMemory = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: join(dataDir, 'memory') }, { storage: new MemoryStorage() });
    // The default storage: lowdb files under DATA_DIR/conversations.
    const onDisk = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: join(dataDir, 'lowdb') });

    // The understanding alone, per text (warm).
    const nlu = new Timings();
    const faq = new Timings();
    for (const { step, text } of script(1)) {
      for (let i = 0; i < 20; i++) interpret(inMemory.understanding, text);
      const started = performance.now();
      for (let i = 0; i < NLU_REPEATS; i++) interpret(inMemory.understanding, text);
      nlu.add(step, (performance.now() - started) / NLU_REPEATS);
      if (step === 'faq') {
        const askStarted = performance.now();
        for (let i = 0; i < NLU_REPEATS; i++) inMemory.understanding.ask(text);
        faq.add(step, (performance.now() - askStarted) / NLU_REPEATS);
      }
    }

    // Warm both bots, then measure.
    await playConversations(inMemory, 30, 'warm-memory');
    await playConversations(onDisk, 30, 'warm-lowdb');
    const cpuBefore = process.cpuUsage();
    const memory = await playConversations(inMemory, conversations, 'memory');
    const cpuMemory = process.cpuUsage(cpuBefore);
    const lowdbBefore = process.cpuUsage();
    const lowdb = await playConversations(onDisk, conversations, 'lowdb');
    const cpuLowdb = process.cpuUsage(lowdbBefore);
    await inMemory.orders.close();
    await onDisk.orders.close();

    const turns = conversations * script(0).length;
    const lines = [
      `turn costs over ${conversations} conversations (${turns} turns each way), in-process, one at a time, mean ms:`,
      '',
      `${'turn'.padEnd(16)} ${'interpret'.padStart(8)} ${'ask'.padStart(8)} ${'memory'.padStart(8)} ${'lowdb'.padStart(8)}`,
      ...memory.steps().map(
        (step) => `${step.padEnd(16)} ${fmt(nlu.mean(step))} ${fmt(faq.mean(step))} ${fmt(memory.mean(step))} ${fmt(lowdb.mean(step))}`,
      ),
      `${'all turns'.padEnd(16)} ${fmt(nlu.overall())} ${''.padStart(8)} ${fmt(memory.overall())} ${fmt(lowdb.overall())}`,
      '',
      `CPU per turn (process, all threads): memory storage ${((cpuMemory.user + cpuMemory.system) / 1000 / turns).toFixed(2)} ms, ` +
        `lowdb storage ${((cpuLowdb.user + cpuLowdb.system) / 1000 / turns).toFixed(2)} ms`,
      '"interpret" is interpret() once per text (the router calls it for a new message and again when a flow is',
      'interrupted); "ask" is the FAQ search; "memory"/"lowdb" are the whole bot turn (TestAdapter, no HTTP).',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`turn-costs failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
