// What the conversation is given by the composition root, and how a flow is started.
import type { ProvinceRules } from '../src/knowledge/province-rules-schema.js';
import type { OrderStore } from '../src/domain/orders/order-store.js';
import type { Recognition, Understanding } from '../src/understanding/understanding.js';

export interface FlowServices {
  understanding: Understanding;
  orders: OrderStore;
  provinceRules: ProvinceRules;
}

/** How a flow is started: with what the user already said, so it asks only for what is missing. */
export interface FlowOptions {
  recognition?: Recognition;
  /** The message that started the flow, word for word: what the user named ("website") is kept, never overridden. */
  said?: string;
}
