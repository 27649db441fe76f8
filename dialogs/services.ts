// What the conversation is given by the composition root, and how a flow is started.
import type { ProvinceRules } from '../src/knowledge/province-rules-schema.js';
import type { Lifecycle } from '../src/domain/orders/lifecycle.js';
import type { OrderStore } from '../src/domain/orders/order-store.js';
import type { NotificationStore } from '../src/domain/notifications/notification-store.js';
import type { Recognition, Understanding } from '../src/understanding/understanding.js';

export interface FlowServices {
  understanding: Understanding;
  orders: OrderStore;
  /** Each user's choice about reminders ("stop reminders", "不要提醒"). */
  reminders: Pick<NotificationStore, 'setReminders'>;
  provinceRules: ProvinceRules;
  /** How orders move after they are recorded: "my orders" says what happens next in each state. */
  lifecycle: Lifecycle;
  /** How long a cancellation order may still be withdrawn after it is recorded (CANCELLATION_UNDO_MINUTES). */
  cancellationUndoMs: number;
  /** The clock the orders are stamped with, so "still withdrawable" agrees with the store. */
  now: () => Date;
}

/** How a flow is started: with what the user already said, so it asks only for what is missing. */
export interface FlowOptions {
  recognition?: Recognition;
  /** The message that started the flow, word for word: what the user named ("website") is kept, never overridden. */
  said?: string;
}
