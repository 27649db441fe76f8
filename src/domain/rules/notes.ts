// The warnings an allowed action carries: facts the user must see before confirming, each with its source.
import { domainToUnicode } from 'node:url';
import { message } from '../../knowledge/catalogue.js';
import type { ActionRequest } from '../action.js';
import type { Note } from './outcome.js';
import type { RuleContext } from './rule.js';

const shown = (domain: string): string => domainToUnicode(domain) || domain;

export function notesFor(request: ActionRequest, context: RuleContext): Note[] {
  const notes: Note[] = [];
  const { citations } = context;
  const { changes } = request;
  if (request.type === 'change_website' && changes?.newDomain && changes.replacesDomain) {
    notes.push({
      id: 'old-domain-stops',
      text: message('note.oldDomainStops', { oldDomain: shown(changes.replacesDomain), newDomain: shown(changes.newDomain) }),
      source: citations.get('oldDomainStops'),
    });
  }
  if (request.type === 'cancel_transfer') {
    notes.push({
      id: 'transfer-cancel-keeps-number',
      text: message('note.transferCancelKeepsNumber'),
      source: citations.get('transferCancelKeepsNumber'),
    });
  }
  if (request.type === 'cancel_subject') {
    notes.push({
      id: 'subject-cancels-all-websites',
      text: message('note.subjectCancelsAll', { subjectNumber: request.filing.subjectNumber }),
      source: citations.get('subjectCancelsAll'),
    });
  }
  if (request.type === 'cancel_subject' || request.type === 'cancel_website') {
    notes.push({ id: 'cancellation-is-final', text: message('note.cancellationFinal'), source: citations.get('cancellationFinal') });
  }
  const subjectType = changes?.subjectType;
  if (request.type === 'change_subject' && subjectType?.from === 'company' && subjectType.to === 'personal') {
    const rule = context.provinces.subjectTypeChanges.companyToPersonal;
    const [source] = rule.sources;
    if (source) {
      notes.push({ id: 'company-to-personal-condition', text: message('note.companyToPersonalCondition', { condition: rule.condition }), source });
    }
  }
  return notes;
}
