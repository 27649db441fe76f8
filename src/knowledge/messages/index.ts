// Every message the code reads, by area; knowledge/messages/<area>.json holds their texts.
import { CONVERSATION_MESSAGES } from './conversation.js';
import { EDGE_MESSAGES } from './edge.js';
import { FLOWS_MESSAGES } from './flows.js';
import { ORDERS_MESSAGES } from './orders.js';
import { RULES_MESSAGES } from './rules.js';

/** Area name -> its declarations; each area's texts live in knowledge/messages/<area>.json. */
export const MESSAGE_AREAS = {
  conversation: CONVERSATION_MESSAGES,
  flows: FLOWS_MESSAGES,
  rules: RULES_MESSAGES,
  orders: ORDERS_MESSAGES,
  edge: EDGE_MESSAGES,
} as const;

export const MESSAGES = {
  ...CONVERSATION_MESSAGES,
  ...FLOWS_MESSAGES,
  ...RULES_MESSAGES,
  ...ORDERS_MESSAGES,
  ...EDGE_MESSAGES,
} as const;
