// What evaluating an action returns: allowed (with warnings to show) or blocked (why, what instead, source).
import type { MessageRef } from '../../knowledge/catalogue.js';
import type { Citation } from '../../knowledge/schema.js';

export const RULE_IDS = [
  'not-filing-subject',
  'province-change',
  'subject-type-change',
  'change-not-permitted',
  'drop-one-domain',
  'cancel-and-reapply',
  'change-during-transfer',
  'order-in-process',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A warning the flow must show before the user confirms; it does not stop the action. */
export interface Note {
  id: string;
  text: MessageRef;
  source: Citation;
}

/** Why a rule stops an action: one short sentence each, for the user, rendered in their language. */
export interface Block {
  reason: MessageRef;
  instead: MessageRef;
  source: Citation;
}

export interface Allowed {
  allowed: true;
  notes: Note[];
}

export interface Blocked extends Block {
  allowed: false;
  ruleId: RuleId;
}

export type RuleOutcome = Allowed | Blocked;
