// Conversation commands (help, stop, start over, greetings) that mean the same in every step.
import { foldText } from './analyzer.js';

export type Command = 'help' | 'stop' | 'startOver' | 'greeting' | 'thanks';

const COMMANDS: Record<Command, readonly string[]> = {
  help: ['help', 'menu', 'what can you do', 'what can you do for me', 'options', '帮助', '你能做什么', '菜单', '?', '？'],
  stop: ['stop', 'quit', 'exit', 'cancel', 'never mind', 'nevermind', 'forget it', 'abort', '停止', '退出', '取消', '算了'],
  startOver: ['start over', 'restart', 'reset', 'begin again', 'start again', '重新开始', '重来'],
  greeting: ['hi', 'hello', 'hey', 'good morning', 'good afternoon', 'good evening', '你好', '您好', '嗨', 'hi there', 'hello there'],
  thanks: ['thanks', 'thank you', 'thx', 'ty', 'cheers', '谢谢', '多谢', 'thanks a lot', 'great thanks', 'ok thanks'],
};

const LOOKUP = new Map<string, Command>();
for (const command of Object.keys(COMMANDS).filter(isCommand)) {
  for (const phrase of COMMANDS[command]) LOOKUP.set(normalise(phrase), command);
}

function isCommand(name: string): name is Command {
  return name in COMMANDS;
}

function normalise(text: string): string {
  return foldText(text)
    .replace(/[!！.。,，~]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The command a whole message is, if it is one; a sentence that merely contains "help" is not. */
export function recognizeCommand(text: string): Command | undefined {
  return LOOKUP.get(normalise(text));
}
