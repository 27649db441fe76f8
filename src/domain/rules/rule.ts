// The shape every rule has: which actions it judges and a pure check that may block one.
import { provinceName } from '../province-name.js';
import type { LocalizedText } from '../../knowledge/catalogue.js';
import type { CitationBook } from '../../knowledge/citations.js';
import type { ProvinceRules } from '../../knowledge/province-rules-schema.js';
import type { ActionRequest, ActionType } from '../action.js';
import type { Block, RuleId } from './outcome.js';
import type { OrderSummary } from '../orders/order-summary.js';

/** What the rules know besides the request: the province facts and the citations they show. */
export interface RuleKnowledge {
  provinces: ProvinceRules;
  citations: CitationBook;
}

export interface RuleContext extends RuleKnowledge {
  /** Existing orders; rules themselves pick out those for the request's subject. */
  orders: readonly OrderSummary[];
}

export interface Rule {
  id: RuleId;
  appliesTo: readonly ActionType[];
  /** Returns why the action may not happen now, or undefined when this rule lets it pass. */
  check(request: ActionRequest, context: RuleContext): Block | undefined;
}

/** The province's name for texts; the id itself if provinces.json does not know it. */
export function provinceNameIn(context: RuleContext, id: string): LocalizedText {
  return provinceName(context.provinces, id);
}
