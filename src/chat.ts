// `npm run chat`: talk to the bot in a terminal, in-process, with its own data under
// DATA_DIR/terminal: a running `npm start` owns DATA_DIR itself, and two processes must never write
// the same files.
// `npm run chat -- --lang zh` starts it in Chinese (the terminal then says it reads Chinese, as
// Teams and Web Chat say with their locale); what you type decides after that, as in any channel.
import { createInterface } from 'node:readline/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { composeBot } from './compose.js';
import { loadConfig } from './config.js';
import { LOCALES, type Locale } from './knowledge/catalogue.js';
import { setLogLevel } from './log.js';
import { DataDirLock, DataDirLockError } from './persistence/data-dir-lock.js';

/** The channel locale a terminal in each language reports, like Teams' and Web Chat's. */
const CHANNEL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-US', zh: 'zh-CN' };

function languageOption(): Locale {
  const { values } = parseArgs({ options: { lang: { type: 'string', default: 'en' } } });
  const lang = LOCALES.find((locale) => locale === values.lang);
  if (!lang) {
    process.stderr.write(`--lang must be one of ${LOCALES.join(', ')} (got "${values.lang}")\n`);
    process.exit(2);
  }
  return lang;
}

const language = languageOption();
const config = loadConfig();
const dataDir = join(config.DATA_DIR, 'terminal');
try {
  await DataDirLock.acquire(dataDir);
} catch (error) {
  if (!(error instanceof DataDirLockError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
setLogLevel(config.LOG_LEVEL);
const parts = await composeBot({ ...config, DATA_DIR: dataDir });
const adapter = new TestAdapter((context) => parts.bot.run(context));
adapter.onTurnError = parts.onTurnError;
// A fixed conversation per terminal user, so a flow left half-way resumes next time.
adapter.conversation.conversation.id = `terminal-${process.env.USER ?? 'user'}`;

let choices: string[] = [];

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value.map((item: unknown) => item) : [];
}

/** An Adaptive Card as lines of text: its text blocks, facts and buttons. */
function cardLines(content: unknown): string[] {
  if (typeof content !== 'object' || content === null) return [];
  const lines: string[] = [];
  for (const element of listOf('body' in content ? content.body : [])) {
    if (typeof element !== 'object' || element === null) continue;
    if ('text' in element && typeof element.text === 'string') lines.push(...element.text.split('\n'));
    if ('facts' in element) {
      for (const fact of listOf(element.facts)) {
        if (typeof fact === 'object' && fact !== null && 'title' in fact && 'value' in fact) {
          lines.push(`- ${String(fact.title)}: ${String(fact.value)}`);
        }
      }
    }
  }
  for (const action of listOf('actions' in content ? content.actions : [])) {
    if (typeof action === 'object' && action !== null && 'title' in action) lines.push(`[button: ${String(action.title)}]`);
  }
  return lines;
}

function show(activity: Partial<Activity>): void {
  if (activity.type !== ActivityTypes.Message) return;
  if (activity.text) console.log(`\nbot> ${activity.text.replace(/\n/g, '\n     ')}`);
  for (const attachment of activity.attachments ?? []) {
    for (const line of cardLines(attachment.content)) console.log(`     ${line}`);
  }
  choices = (activity.suggestedActions?.actions ?? []).map((a) => String(a.value ?? a.title));
  choices.forEach((choice, i) => console.log(`     [${i + 1}] ${choice}`));
}

async function send(activity: Partial<Activity>): Promise<void> {
  await adapter.processActivity({ ...activity, locale: CHANNEL_LOCALE[language] });
  for (let reply = adapter.activeQueue.shift(); reply; reply = adapter.activeQueue.shift()) show(reply);
}

const terminal = createInterface({ input: process.stdin, output: process.stdout });
console.log(parts.knowledge.catalogue.text(language, 'edge.terminalIntro'));
await send({
  type: ActivityTypes.ConversationUpdate,
  membersAdded: [{ id: 'user', name: 'You' }],
});
terminal.setPrompt('\nyou> ');
terminal.prompt();
// Reading lines as a stream (not question()) also works when input is piped in.
for await (const line of terminal) {
  const picked = /^\d+$/.test(line.trim()) ? choices[Number(line.trim()) - 1] : undefined;
  if (picked) console.log(`(${picked})`);
  await send({ type: ActivityTypes.Message, text: picked ?? line });
  terminal.prompt();
}
