// Reads and checks knowledge/order-lifecycle.json, with the phone-verification times of
// province-rules.json, into the domain's Lifecycle: every state and order type covered, every
// citation verbatim in its source, every terminal state really terminal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ACTION_TYPES } from '../domain/action.js';
import { ACTORS, type Lifecycle } from '../domain/orders/lifecycle.js';
import { ACTIVE_STATES, ORDER_STATES } from '../domain/orders/order-summary.js';
import { KnowledgeError } from './load.js';
import type { ProvinceRules } from './province-rules-schema.js';
import { Citation } from './schema.js';
import { citationProblem, readSourceSections } from './sources.js';

const FILE = 'knowledge/order-lifecycle.json';

const State = z.enum(ORDER_STATES);
const Sources = z.array(Citation).min(1);

const LifecycleFile = z.strictObject({
  about: z.string().optional(),
  expiry: z.strictObject({
    days: z.number().int().positive(),
    states: z.array(State).min(1),
    checked: z.iso.date(),
    sources: Sources,
  }),
  // Records keyed by an enum are exhaustive in zod 4: every state and every order type must be there.
  states: z.record(State, z.strictObject({ sources: Sources })),
  transitions: z.record(
    z.enum(ACTION_TYPES),
    z.array(z.strictObject({ from: State, to: z.array(State).min(1), by: z.array(z.enum(ACTORS)).min(1) })).min(1),
  ),
});
type LifecycleFile = z.infer<typeof LifecycleFile>;

/** Terminal states never move again, and every order type can leave every active state. */
function shapeProblems(file: LifecycleFile): string[] {
  const problems: string[] = [];
  for (const type of ACTION_TYPES) {
    file.transitions[type].forEach((t, i) => {
      if (!ACTIVE_STATES.includes(t.from)) problems.push(`${FILE}: transitions.${type}[${i}].from: "${t.from}" is a final state; nothing may follow it`);
      if (t.to.includes(t.from)) problems.push(`${FILE}: transitions.${type}[${i}].to: an order cannot move to the state it is in`);
    });
    if (!file.transitions[type].some((t) => t.from === 'in_process')) problems.push(`${FILE}: transitions.${type}: nothing follows in_process`);
  }
  file.expiry.states.forEach((s, i) => {
    if (!ACTIVE_STATES.includes(s)) problems.push(`${FILE}: expiry.states[${i}]: "${s}" is a final state; it cannot expire`);
  });
  return problems;
}

export function loadOrderLifecycle(dir: string, provinceRules: Pick<ProvinceRules, 'phoneVerification'>): Lifecycle {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, 'order-lifecycle.json'), 'utf8'));
  } catch (error) {
    throw new KnowledgeError([`${FILE}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = LifecycleFile.safeParse(json);
  if (!parsed.success) {
    throw new KnowledgeError(parsed.error.issues.map((issue) => `${FILE}: ${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`));
  }
  const file = parsed.data;
  const problems = shapeProblems(file);
  const sources = readSourceSections(join(dir, 'sources'));
  const cited: Array<[string, Citation]> = [
    ...file.expiry.sources.map((c, i): [string, Citation] => [`expiry.sources[${i}]`, c]),
    ...ORDER_STATES.flatMap((s) => file.states[s].sources.map((c, i): [string, Citation] => [`states.${s}.sources[${i}]`, c])),
  ];
  for (const [field, citation] of cited) {
    const problem = citationProblem(sources, citation);
    if (problem) problems.push(`${FILE}: ${field}: ${problem}`);
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  const { smsWithinMinutes, answerWithinHours, laterReports } = provinceRules.phoneVerification;
  return {
    transitions: file.transitions,
    expiry: { days: file.expiry.days, states: file.expiry.states },
    phoneVerification: { smsWithinMinutes, answerWithinHours, ...(laterReports ? { laterReportedHours: laterReports.answerWithinHours } : {}) },
  };
}
