// What each flow asks, as a user reads it: the transcripts recognise the bot's questions by these.
import type { Locale, MessageId } from '../../../src/knowledge/catalogue.js';
import { message, says, suggests, type Reply } from '../../support/conversation.js';
import { label, say } from '../../support/flows.js';

export const CANCEL = {
  scope: 'Which kind of cancellation?',
  subjectNumber: "What is the subject's ICP filing number? For example 京ICP备12345678号.",
  websiteNumber: "What is the website's ICP filing number, with its website number? For example 京ICP备12345678号-1.",
  domain: "What is the website's domain name? For example example.cn.",
  whole: 'Do you want to cancel the whole website',
  asker: (number: string) => `Are you the filing subject of ${number}`,
} as const;

export const CANCEL_BUTTONS = {
  scope: ['Cancel Subject', 'Cancel Website'],
  whole: ['Cancel the whole website', 'Only remove this domain'],
  asker: ['Yes, I am the subject', 'No, I am not the subject', 'I cannot cancel online'],
} as const;

export const TRANSFER = {
  history: 'Has the filing subject used our ICP Filing system before?',
  number: 'What is the ICP filing number, exactly as filed? For example 京ICP备12345678号-1.',
  domain: 'Which domain name is being transferred, exactly as filed? For example example.cn.',
  serviceCode: 'ICP Filing service code',
  mobile: "What is the website administrator's mobile number?",
} as const;

export const CANCEL_TRANSFER = {
  number: 'Which filing should no longer be transferred to us?',
} as const;

export const CHANGE = {
  scope: 'Which information do you want to change',
  subjectNumber: "What is the subject's ICP filing number?",
  websiteNumber: "What is the website's ICP filing number, with its website number?",
  what: 'What do you want to change?',
  oldDomain: 'Which domain will be replaced?',
  newDomain: 'What is the new domain name?',
  details: 'Which details change?',
  subjectType: 'How does the subject change?',
  province: 'Which province would the filing move to?',
} as const;

/** After answering an interruption, the bot says this and asks its question again. */
export const BACK_TO_FLOW = 'Now, back to where we were:';

/**
 * After an interruption: one message says "Now, back to where we were:" (in the conversation's
 * language) and asks the question again, with its buttons (when given, exactly these): Web Chat
 * shows buttons only on a reply's last message.
 */
export function backTo(question: string | RegExp, buttons?: readonly string[], locale: Locale = 'en'): Reply {
  return message(says(say(locale, 'conversation.backToFlow'), question), ...(buttons ? [suggests(buttons)] : []));
}

/** The titles of a step's buttons in a language, as the catalogue has them. */
export function buttonsIn(locale: Locale, ids: readonly MessageId[]): string[] {
  return ids.map((id) => label(locale, id));
}

/** The flows as the catalogue names them in "OK, I stopped {flow}". */
export type FlowName = 'flow.cancel.name' | 'flow.transfer.name' | 'flow.cancelTransfer.name' | 'flow.change.name' | 'flow.withdraw.name';

/** "OK, I stopped the cancellation. Nothing was recorded." in a language. */
export function stopped(locale: Locale, flow: FlowName = 'flow.cancel.name'): Reply {
  return message(says(say(locale, 'conversation.stopped', { flow: say(locale, flow) })));
}

/** "OK, I left the cancellation (nothing was recorded)." in a language. */
export function left(locale: Locale, flow: FlowName = 'flow.cancel.name'): Reply {
  return message(says(say(locale, 'conversation.switched', { flow: say(locale, flow) })));
}

/** The bot asks this question (and, when given, offers exactly these buttons). */
export function asks(question: string | RegExp, buttons?: readonly string[]): Reply {
  return message(says(question), ...(buttons ? [suggests(buttons)] : []));
}
