// Conversation commands (help, stop, start over, greetings) that mean the same in every step.
import { foldText } from './analyzer.js';
import { requestedLanguage } from './language.js';

export type Command = 'help' | 'stop' | 'startOver' | 'greeting' | 'thanks' | 'language' | 'remindersOff' | 'remindersOn';

/** Commands said in fixed words; a request for a language is recognised by its own patterns (language.ts). */
const COMMANDS: Record<Exclude<Command, 'language'>, readonly string[]> = {
  help: ['help', 'menu', 'what can you do', 'what can you do for me', 'options', '帮助', '你能做什么', '菜单', '?', '？'],
  stop: ['stop', 'quit', 'exit', 'cancel', 'never mind', 'nevermind', 'forget it', 'abort', '停止', '退出', '取消', '算了'],
  startOver: ['start over', 'restart', 'reset', 'begin again', 'start again', '重新开始', '重来'],
  greeting: ['hi', 'hello', 'hey', 'good morning', 'good afternoon', 'good evening', '你好', '您好', '嗨', 'hi there', 'hello there'],
  // Reminders of deadlines (phone verification, expiry); news of an order's state still comes.
  remindersOff: ['stop reminders', 'no more reminders', 'turn off reminders', 'reminders off', 'stop reminding me', '不要提醒', '不要提醒了', '别提醒我了', '别提醒了', '关闭提醒', '不要再提醒了'],
  remindersOn: ['start reminders', 'remind me again', 'turn on reminders', 'reminders on', '恢复提醒', '开启提醒', '打开提醒', '继续提醒'],
  thanks: ['thanks', 'thank you', 'thx', 'ty', 'cheers', '谢谢', '多谢', 'thanks a lot', 'great thanks', 'ok thanks'],
};

const LOOKUP = new Map<string, Exclude<Command, 'language'>>();
for (const command of Object.keys(COMMANDS).filter(isCommand)) {
  for (const phrase of COMMANDS[command]) LOOKUP.set(normalise(phrase), command);
}

function isCommand(name: string): name is Exclude<Command, 'language'> {
  return name in COMMANDS;
}

function normalise(text: string): string {
  return foldText(text)
    .replace(/[!！.。,，~]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Sentences that refuse to go on with what is being done, in English and Chinese (recognition
 * data): "please stop, I don't want to do this now", "stop, I changed my mind", "算了，先不注销了".
 * Each names the refusal itself, so an answer that merely holds "no" or 不 ("No, I am not the
 * subject", "不是") or names an action ("cancel my website") is not one.
 */
const STOP_SENTENCES = [
  // The verb alone, or on "it"/"this"/"now", ending the message or its first clause: "ok, stop.",
  // "cancel this please"; "cancel my website" and "stop being my provider" name something else.
  /^(?:(?:ok|okay|actually|no|please|pls|just|hmm|um|then|so)\b\W*)*(?:stop|quit|exit|abort|cancel|halt|end)(?:\s+(?:it|this|that|here|now|please|the (?:process|flow|conversation|request)))*\s*(?:$|[.,;:!。，；！])/u,
  /\b(?:never ?mind|forget (?:it|about it|this|that)|changed? (?:my|our) minds?|lets not|(?:do not|dont|no longer) (?:want|wish|need) to (?:do (?:this|it|that)|continue|go on|proceed|carry on|go ahead)|not (?:now|today),? (?:thanks|thank you)$|maybe later|ill do it later|(?:do|let us|lets) (?:this|it) later)\b/u,
  /算了|不办了|不弄了|不搞了|不想(?:办|弄|做|搞|继续)|先不.{0,6}了|暂时不.{0,6}了|先别.{0,6}了|不(?:注销|转入|变更|撤回|办理|继续)了|停止|退出|取消吧|改主意/u,
  // "不要了" or "不用了" alone; after a noun it is a request ("备案不要了": cancel the filing).
  /^(?:那|我|那我)?就?(?:不要了|不用了|不做了)\W*$/u,
];

/** Whether a message refuses to go on with what is being done (see STOP_SENTENCES); a question never does. */
export function asksToStop(text: string): boolean {
  const folded = foldText(text).replace(/\s+/g, ' ').trim();
  if (/[?？]$/u.test(folded)) return false;
  return STOP_SENTENCES.some((sentence) => sentence.test(folded));
}

/**
 * The command a whole message is, if it is one; a sentence that merely contains "help" is not. A
 * sentence that refuses to go on is "stop" however it is worded.
 */
export function recognizeCommand(text: string): Command | undefined {
  if (requestedLanguage(text)) return 'language';
  return LOOKUP.get(normalise(text)) ?? (asksToStop(text) ? 'stop' : undefined);
}
