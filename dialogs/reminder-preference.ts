// "stop reminders" / "不要提醒" and "start reminders" / "恢复提醒": the user's choice about reminders
// of deadlines (phone verification, an order's expiry), kept per user on the channel. News of an
// order's state is not a reminder and still comes.
import type { TurnContext } from 'botbuilder';
import { message } from '../src/knowledge/catalogue.js';
import type { Command } from '../src/understanding/commands.js';
import { wordsFor } from './messages/words.js';
import type { FlowServices } from './services.js';
import { requesterOf } from './turn-identity.js';

export type ReminderCommand = Extract<Command, 'remindersOff' | 'remindersOn'>;

export function isReminderCommand(command: Command): command is ReminderCommand {
  return command === 'remindersOff' || command === 'remindersOn';
}

/** Stores the choice, then confirms it in the conversation's language. */
export async function setReminderPreference(services: FlowServices, context: TurnContext, command: ReminderCommand): Promise<string> {
  const on = command === 'remindersOn';
  await services.reminders.setReminders(requesterOf(context), on, services.now());
  return wordsFor(services, context).say(message(on ? 'reminders.turnedOn' : 'reminders.turnedOff'));
}
