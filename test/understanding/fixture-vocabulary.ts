// A made-up vocabulary for the understanding's unit tests: a few concepts in English and Chinese,
// small enough to reason about, and independent of what knowledge/ says.
import type { VocabularyConcept } from '../../src/understanding/analyzer.js';

export const FIXTURE_CONCEPTS: readonly VocabularyConcept[] = [
  { concept: 'cancel', variants: ['cancel', 'cancellation', 'deregister', '注销'] },
  { concept: 'transfer', variants: ['transfer', 'move in', '转入'] },
  { concept: 'withdraw', variants: ['withdraw', 'stop', '撤回', '取消'] },
  { concept: 'review', variants: ['review', 'approval', 'approve', '审核'] },
  { concept: 'duration', variants: ['how long', 'how many days', '多久'] },
  { concept: 'cost', variants: ['cost', 'fee', 'price', 'how much', '费用'] },
  { concept: 'website', variants: ['website', 'site', '网站'] },
  { concept: 'order', variants: ['order', '订单'] },
  { concept: 'province', variants: ['province', '省'] },
];
