// Builds the parts of the bot from configuration: knowledge, understanding, storage, dialogs, adapter.
import { join } from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { MainDialog } from '../dialogs/main-dialog.js';
import { FilingBot } from './bot.js';
import type { Config } from './config.js';
import { loadKnowledge, type Knowledge } from './knowledge/load.js';
import { Understanding } from './nlu/understanding.js';
import { LowdbStorage } from './storage/lowdb-storage.js';
import { log } from './log.js';

export const TURN_ERROR_REPLY =
  'Sorry, something went wrong on my side while answering. Nothing you sent was lost: please try ' +
  'again, or say "help" to see what I can do.';

export interface BotParts {
  knowledge: Knowledge;
  understanding: Understanding;
  storage: Storage;
  conversationState: ConversationState;
  bot: FilingBot;
}

/** The bot without any transport: used by the server, the terminal chat and the tests. */
export function createBot(config: Pick<Config, 'KNOWLEDGE_DIR' | 'DATA_DIR'>, storage?: Storage): BotParts {
  const knowledge = loadKnowledge(config.KNOWLEDGE_DIR);
  const understanding = new Understanding(knowledge);
  const store = storage ?? new LowdbStorage(join(config.DATA_DIR, 'conversations.json'));
  const conversationState = new ConversationState(store);
  const bot = new FilingBot(conversationState, new MainDialog(understanding));
  return { knowledge, understanding, storage: store, conversationState, bot };
}

/** Logs a failed turn, tells the user something useful, and clears the flow state that may be broken. */
export function handleTurnError(conversationState: ConversationState) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log.error('turn failed', {
      error: error.message,
      stack: error.stack,
      channel: context.activity.channelId,
      activityType: context.activity.type,
    });
    try {
      await context.sendActivity(TURN_ERROR_REPLY);
      await conversationState.delete(context);
    } catch (secondary) {
      log.error('could not recover from a failed turn', {
        error: secondary instanceof Error ? secondary.message : String(secondary),
      });
    }
  };
}

export function createAdapter(config: Config, conversationState: ConversationState): CloudAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = handleTurnError(conversationState);
  return adapter;
}
