// The citations code shows beside its own words (a rule's refusal, a warning, a step): kept in
// knowledge/citations.json by id, every quote checked against its source at start-up.
import { z } from 'zod';
import { Citation } from './schema.js';

/** Every citation id the code uses; knowledge/citations.json must have exactly these. */
export const CITATION_IDS = [
  'notFilingSubject',
  'provinceChange',
  'dropOneDomain',
  'cancelAndReapply',
  'changeDuringTransfer',
  'orderInProcessCancel',
  'orderInProcessTransfer',
  'orderInProcessChange',
  'oldDomainStops',
  'transferCancelKeepsNumber',
  'cancellationFinal',
  'subjectCancelsAll',
  'transferTypes',
  'transferExact',
  'transferServiceCode',
  'changeStillAccessible',
] as const;
export type CitationId = (typeof CITATION_IDS)[number];

export const CitationsFile = z.record(z.string(), Citation);

/** The ids the file lacks and the ids nobody uses, as "<id>: <problem>" lines. */
export function citationIdProblems(ids: Iterable<string>, declared: readonly string[] = CITATION_IDS): string[] {
  const present = new Set(ids);
  return [
    ...declared.filter((id) => !present.has(id)).map((id) => `${id}: missing (the code uses it)`),
    ...[...present].filter((id) => !declared.includes(id)).map((id) => `${id}: no code uses this citation (remove it, or declare it)`),
  ];
}

/** What the core needs of the citations: one by id. */
export interface CitationBook {
  get(id: CitationId): Citation;
}

/** Where the code's facts come from, by id. */
export class Citations implements CitationBook {
  constructor(private readonly byId: ReadonlyMap<string, Citation>) {}

  get(id: CitationId): Citation {
    const citation = this.byId.get(id);
    if (!citation) throw new Error(`citation ${id} is not in knowledge/citations.json`);
    return citation;
  }
}
