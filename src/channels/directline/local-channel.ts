// The local development channel in one call: the Direct Line endpoints and the Web Chat page.
import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import { createTurnRunner, type TurnLogic } from './bot-turn.js';
import { ConversationStore, DEFAULT_LIMITS, type ConversationLimits } from './conversation-store.js';
import { mountDirectLineRoutes } from './routes.js';
import { mountWebChatPage } from './web-chat-page.js';
import type { LocalProactiveOutlet } from './proactive-outlet.js';
import type { TurnGate } from '../../http/turn-gate.js';

/** The bot's id in the local channel when no Azure Bot app id is configured. */
export const LOCAL_BOT_ID = 'filing-assistant';
export const BOT_NAME = 'Filing Assistant';

export interface LocalChannelParts {
  adapter: CloudAdapter;
  bot: TurnLogic;
  appId: string | undefined;
  limits?: ConversationLimits;
  /** The largest activity a client may post, as JSON (64 KiB unless given). */
  maxActivityBytes?: number;
  /** The server's limit on turns at once. */
  gate: TurnGate;
  /** Where the bot's unprompted messages (notifications) into this channel's conversations come in. */
  outlet?: LocalProactiveOutlet;
}

const DEFAULT_MAX_ACTIVITY_BYTES = 64 * 1024;

export function mountLocalChannel(server: Server, parts: LocalChannelParts): void {
  const store = new ConversationStore(parts.limits ?? DEFAULT_LIMITS);
  const bot = { id: parts.appId ?? LOCAL_BOT_ID, name: BOT_NAME, role: 'bot' };
  parts.outlet?.connect(store, bot);
  mountDirectLineRoutes(server, {
    store,
    runTurn: createTurnRunner(parts.adapter, parts.bot, parts.appId),
    bot,
    maxActivityBytes: parts.maxActivityBytes ?? DEFAULT_MAX_ACTIVITY_BYTES,
    gate: parts.gate,
  });
  mountWebChatPage(server);
}
