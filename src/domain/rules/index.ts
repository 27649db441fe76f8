// May this action happen now? Runs the rules in order; the first that blocks decides.
import type { ActionRequest } from '../action.js';
import { cancelAndReapply } from './cancel-and-reapply.js';
import { changeDuringTransfer } from './change-during-transfer.js';
import { changeNotPermitted } from './change-not-permitted.js';
import { dropOneDomain } from './drop-one-domain.js';
import { notFilingSubject } from './not-filing-subject.js';
import { notesFor } from './notes.js';
import { orderInProcess } from './order-in-process.js';
import type { OrderSummary } from '../orders/order-summary.js';
import type { RuleOutcome } from './outcome.js';
import { provinceChange } from './province-change.js';
import type { Rule, RuleContext, RuleKnowledge } from './rule.js';
import { subjectTypeChange } from './subject-type-change.js';

/**
 * Rules that no amount of waiting fixes come first, so a user is never told to wait for an order
 * only to be refused afterwards; among the order-state rules the specific ones (a transfer, a
 * cancellation) come before the general one-order-at-a-time rule, whose advice is vaguer.
 */
export const RULES: readonly Rule[] = [
  notFilingSubject,
  provinceChange,
  subjectTypeChange,
  changeNotPermitted,
  dropOneDomain,
  cancelAndReapply,
  changeDuringTransfer,
  orderInProcess,
];

export function evaluateAction(
  request: ActionRequest,
  orders: readonly OrderSummary[],
  knowledge: RuleKnowledge,
): RuleOutcome {
  const context: RuleContext = { ...knowledge, orders };
  for (const rule of RULES) {
    if (!rule.appliesTo.includes(request.type)) continue;
    const block = rule.check(request, context);
    if (block) return { allowed: false, ruleId: rule.id, ...block };
  }
  return { allowed: true, notes: notesFor(request, context) };
}

export type { ActionRequest, ActionType, ChangeRequest, Filing, SubjectType } from '../action.js';
export { ACTION_LABELS, ACTION_TYPES } from '../action.js';
export type { OrderState, OrderSummary } from '../orders/order-summary.js';
export { ORDER_STATES } from '../orders/order-summary.js';
export type { Allowed, Block, Blocked, Note, RuleId, RuleOutcome } from './outcome.js';
export { RULE_IDS } from './outcome.js';
export type { RuleKnowledge } from './rule.js';
