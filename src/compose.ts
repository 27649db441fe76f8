// Builds the parts of the bot from configuration: knowledge, understanding, storage, dialogs, adapter.
import { join } from 'node:path';
import { PrivateConversationState, type Storage } from 'botbuilder';
import { MainDialog } from '../dialogs/main-dialog.js';
import { FilingBot } from './botframework/bot.js';
import type { Config } from './config.js';
import { loadKnowledge, type Knowledge } from './knowledge/load.js';
import { loadProvinceRules } from './knowledge/province-rules.js';
import type { ProvinceRules } from './knowledge/province-rules-schema.js';
import { Understanding } from './understanding/understanding.js';
import { LowdbOrderStore } from './persistence/orders/lowdb-order-store.js';
import type { OrderStore } from './domain/orders/order-store.js';
import { FlowState } from './botframework/flow-state.js';
import { LowdbStorage } from './persistence/lowdb-storage.js';

export interface BotParts {
  knowledge: Knowledge;
  provinceRules: ProvinceRules;
  understanding: Understanding;
  storage: Storage;
  orders: OrderStore;
  /**
   * Each user's flow in each conversation: private to the user, so in a Teams group chat or
   * channel one person's answers (or Confirm) never land in another person's flow.
   */
  flowState: PrivateConversationState;
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
  const flowState = new FlowState(store);
  const bot = new FilingBot(flowState, new MainDialog({ understanding, orders, provinceRules }), orders);
  return { knowledge, provinceRules, understanding, storage: store, orders, flowState, bot };
}


export { createAdapter, FilingAdapter, handleTurnError, TURN_ERROR_AGAIN_REPLY, TURN_ERROR_REPLY } from './botframework/adapter.js';
