// Builders shared by the rules tests: the shipped province rules and small requests and orders.
import { fileURLToPath } from 'node:url';
import { loadProvinceRules } from '../../../src/knowledge/province-rules.js';
import type { ProvinceRules } from '../../../src/knowledge/province-rules-schema.js';
import type { ActionRequest, ActionType, Filing } from '../../../src/domain/action.js';
import type { OrderState, OrderSummary } from '../../../src/domain/orders/order-summary.js';
import type { RuleContext, RuleKnowledge } from '../../../src/domain/rules/rule.js';
import type { MessageRef } from '../../../src/knowledge/catalogue.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';

export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../../knowledge', import.meta.url));
export const provinceRules: ProvinceRules = loadProvinceRules(KNOWLEDGE_DIR);
export const knowledge = loadKnowledge(KNOWLEDGE_DIR);

/** What the rules know, with these province rules (the shipped ones unless a test replaces them). */
export function ruleKnowledge(provinces: ProvinceRules = provinceRules): RuleKnowledge {
  return { provinces, citations: knowledge.citations };
}

/** A rule's message as an English-speaking user reads it; empty when there is none. */
export function say(ref: MessageRef | undefined): string {
  return ref ? knowledge.catalogue.render('en', ref) : '';
}

export const SUBJECT = '京ICP备12345678号';
export const OTHER_SUBJECT = '京ICP备87654321号';

export function filing(overrides: Partial<Filing> = {}): Filing {
  return {
    icpNumber: `${SUBJECT}-1`,
    subjectNumber: SUBJECT,
    province: 'beijing',
    domains: ['example.cn'],
    ...overrides,
  };
}

export function request(
  type: ActionType,
  details: Omit<Partial<ActionRequest>, 'type'> = {},
): ActionRequest {
  return { type, filing: filing(), ...details };
}

export function order(
  type: ActionType,
  state: OrderState = 'in_process',
  overrides: { subjectNumber?: string; mine?: boolean; id?: string } = {},
): OrderSummary {
  const subjectNumber = overrides.subjectNumber ?? SUBJECT;
  return {
    id: overrides.id ?? 'FA-7K3Q9M',
    type,
    state,
    filing: { icpNumber: `${subjectNumber}-1`, subjectNumber, domains: ['example.cn'] },
    mine: overrides.mine ?? true,
  };
}

export function context(orders: OrderSummary[] = [], provinces: ProvinceRules = provinceRules): RuleContext {
  return { orders, ...ruleKnowledge(provinces) };
}

/** The shipped rules with some fields replaced, for the parts an operator configures. */
export function withRules(change: (rules: ProvinceRules) => ProvinceRules): ProvinceRules {
  return change(structuredClone(provinceRules));
}
