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
import { loadProvinceRules, type ProvinceRules } from './knowledge/province-rules.js';
import { log } from './log.js';
import { Understanding } from './nlu/understanding.js';
import { LowdbOrderStore } from './orders/lowdb-order-store.js';
import type { OrderStore } from './orders/order-store.js';
import { LowdbStorage } from './storage/lowdb-storage.js';

export const TURN_ERROR_REPLY =
  'Sorry, something went wrong on my side while answering. Nothing you sent was lost: please try ' +
  'again, or say "help" to see what I can do.';

export interface BotParts {
  knowledge: Knowledge;
  provinceRules: ProvinceRules;
  understanding: Understanding;
  storage: Storage;
  orders: OrderStore;
  conversationState: ConversationState;
  bot: FilingBot;
}

/**
 * The bot without any transport: used by the server, the terminal chat and the tests. Conversation
 * state and orders live under DATA_DIR unless a test passes its own state storage.
 */
export async function createBot(config: Pick<Config, 'KNOWLEDGE_DIR' | 'DATA_DIR'>, storage?: Storage): Promise<BotParts> {
  const knowledge = loadKnowledge(config.KNOWLEDGE_DIR);
  const provinceRules = loadProvinceRules(config.KNOWLEDGE_DIR);
  const understanding = new Understanding(knowledge);
  const store = storage ?? new LowdbStorage(join(config.DATA_DIR, 'conversations'));
  const orders = await LowdbOrderStore.open(config.DATA_DIR);
  const conversationState = new ConversationState(store);
  const bot = new FilingBot(conversationState, new MainDialog({ understanding, orders, provinceRules }), orders);
  return { knowledge, provinceRules, understanding, storage: store, orders, conversationState, bot };
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
