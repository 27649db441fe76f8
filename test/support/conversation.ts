// Transcript helpers for conversation tests: what the user sends, and what each bot reply must be.
import { ActivityTypes, TestAdapter, type Activity, type TestFlow, type TurnContext } from 'botbuilder';
import { expect } from 'chai';

/** Checks one reply of the bot; throws (a chai assertion) when it is not what the transcript says. */
export type Reply = (reply: Partial<Activity>) => void;

/** One thing the user sends, and every reply it must get, in order: no fewer, no more. */
export interface Turn {
  user: string | Partial<Activity>;
  bot: Reply[];
}

/** How long to wait for an unexpected extra reply; the turn has already finished by then. */
const EXTRA_REPLY_WAIT_MS = 20;

let conversations = 0;

/** Plays a transcript against the bot in a fresh conversation. */
export async function converse(logic: (context: TurnContext) => Promise<void>, turns: readonly Turn[]): Promise<void> {
  conversations += 1;
  const conversation = {
    id: `transcript-${conversations}`,
    name: 'transcript',
    isGroup: false,
    conversationType: 'personal',
  };
  const adapter = new TestAdapter(logic, { conversation });
  let flow: TestFlow | undefined;
  for (const { user, bot } of turns) {
    const said = typeof user === 'string' ? JSON.stringify(user) : `a ${user.type ?? 'message'} activity`;
    let next = flow ? flow.send(user) : adapter.send(user);
    bot.forEach((check, index) => {
      next = next.assertReply((reply) => check(reply), `reply ${index + 1} to ${said}`);
    });
    flow = next.assertNoReply(`nothing more after ${bot.length} replies to ${said}`, EXTRA_REPLY_WAIT_MS);
  }
  await flow?.startTest();
}

export const typing: Reply = (reply) => {
  expect(reply.type, 'a typing indicator').to.equal(ActivityTypes.Typing);
};

/** A message reply meeting every check. */
export function message(...checks: Reply[]): Reply {
  return (reply) => {
    expect(reply.type, `a message, got ${JSON.stringify(reply)}`).to.equal(ActivityTypes.Message);
    for (const check of checks) check(reply);
  };
}

/** The reply text contains each string and matches each pattern. */
export function says(...parts: (string | RegExp)[]): Reply {
  return (reply) => {
    const text = reply.text ?? '';
    for (const part of parts) {
      if (typeof part === 'string') expect(text).to.include(part);
      else expect(text).to.match(part);
    }
  };
}

export function doesNotSay(...parts: (string | RegExp)[]): Reply {
  return (reply) => {
    const text = reply.text ?? '';
    for (const part of parts) {
      if (typeof part === 'string') expect(text).not.to.include(part);
      else expect(text).not.to.match(part);
    }
  };
}

/** The values of the reply's suggested-action buttons, in order. */
export function suggestionsOf(reply: Partial<Activity>): string[] {
  return (reply.suggestedActions?.actions ?? []).map((action) =>
    typeof action.value === 'string' ? action.value : JSON.stringify(action.value),
  );
}

/** The reply offers exactly these buttons, in this order. */
export function suggests(values: readonly string[]): Reply {
  return (reply) => {
    expect(suggestionsOf(reply), 'suggested actions').to.deep.equal([...values]);
  };
}

/** A JSON object (an Adaptive Card's node), not an array or a value. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;
/** What reads the same in every language: addresses, order ids, domains, numbers. */
const NEUTRAL = /https?:\/\/\S+|\bFA-[0-9A-Z]{6}\b|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\b|[0-9]+/giu;

/** The lines of a reply a person reads: its text, its buttons, and its Adaptive Cards' texts and buttons. */
function readableLines(reply: Partial<Activity>): string[] {
  const lines = (reply.text ?? '').split('\n');
  for (const action of reply.suggestedActions?.actions ?? []) lines.push(action.title ?? '');
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    for (const key of ['text', 'title', 'value']) {
      const value = node[key];
      if (typeof value === 'string') lines.push(...value.split('\n'));
    }
    for (const key of ['body', 'facts', 'actions', 'items', 'columns']) visit(node[key]);
  };
  for (const attachment of reply.attachments ?? []) visit(attachment.content);
  return lines;
}

/**
 * Every line of the reply is Chinese: it has a Chinese character, or is only what reads the same in
 * every language (an ICP number's digits, a domain, an order id, an address, a number).
 */
/** The button that switches a Chinese conversation to English is titled in the language it offers. */
const LANGUAGE_BUTTON = 'English';

export const inChinese: Reply = (reply) => {
  const english = readableLines(reply).filter(
    (line) => line !== LANGUAGE_BUTTON && !HAN.test(line) && /[a-z]{2,}/iu.test(line.replace(NEUTRAL, ' ')),
  );
  expect(english, 'lines of a Chinese reply without a Chinese word').to.deep.equal([]);
};
