// The warnings an allowed action carries: facts the user must see before confirming, each with its source.
import { domainToUnicode } from 'node:url';
import type { Citation } from '../../knowledge/schema.js';
import type { ActionRequest } from '../action.js';
import type { Note } from './outcome.js';
import type { RuleContext } from './rule.js';

export const NOTE_SOURCES = {
  oldDomainStops: {
    doc: '004_32622779390f9597.txt',
    section: 'Change ICP Filing information',
    quote:
      'If you use a new domain name to replace the old one, you cannot visit the website with the old domain name after the new domain name is approved by the communications administration.',
  },
  transferCancelKeepsNumber: {
    doc: '003_2c8c2a51a61a4d8b.txt',
    section: 'Will my website be accessible if I cancel the transfer?',
    quote:
      'your ICP Filing number is still valid, so contact the website hosting service provider you are currently using and submit a transfer application immediately',
  },
  cancellationFinal: {
    doc: '003_2c8c2a51a61a4d8b.txt',
    section: 'What is the difference between canceling the transfer and canceling an ICP Filing number?',
    quote: 'Orders of ICP Filing cancellation cannot be deleted',
  },
  subjectCancelsAll: {
    doc: '001_a9e1d99f57a6bcba.txt',
    section: 'What is the difference between cancelling a subject registration and cancelling a website registration?',
    quote: 'The ICP Filings of all the websites under the subject are cancelled.',
  },
} as const satisfies Record<string, Citation>;

const shown = (domain: string): string => domainToUnicode(domain) || domain;

const text = {
  oldDomainStops: (oldDomain: string, newDomain: string) =>
    `Once ${shown(newDomain)} is approved, the website can no longer be visited at ${shown(oldDomain)}.`,
  transferCancelKeepsNumber:
    'Your ICP number stays valid, but the domain will no longer point to servers here: submit a transfer to your new provider at once.',
  cancellationFinal: 'A cancellation order cannot be withdrawn or deleted once submitted, so confirm only if you are sure.',
  subjectCancelsAll: (subjectNumber: string) =>
    `Cancelling the subject cancels ${subjectNumber} and every website filed under it.`,
  companyToPersonalCondition: (condition: string) => `This change is possible only when ${condition}.`,
};

export function notesFor(request: ActionRequest, context: RuleContext): Note[] {
  const notes: Note[] = [];
  const { changes } = request;
  if (request.type === 'change_website' && changes?.newDomain && changes.replacesDomain) {
    notes.push({
      id: 'old-domain-stops',
      text: text.oldDomainStops(changes.replacesDomain, changes.newDomain),
      source: NOTE_SOURCES.oldDomainStops,
    });
  }
  if (request.type === 'cancel_transfer') {
    notes.push({
      id: 'transfer-cancel-keeps-number',
      text: text.transferCancelKeepsNumber,
      source: NOTE_SOURCES.transferCancelKeepsNumber,
    });
  }
  if (request.type === 'cancel_subject') {
    notes.push({
      id: 'subject-cancels-all-websites',
      text: text.subjectCancelsAll(request.filing.subjectNumber),
      source: NOTE_SOURCES.subjectCancelsAll,
    });
  }
  if (request.type === 'cancel_subject' || request.type === 'cancel_website') {
    notes.push({ id: 'cancellation-is-final', text: text.cancellationFinal, source: NOTE_SOURCES.cancellationFinal });
  }
  const subjectType = changes?.subjectType;
  if (request.type === 'change_subject' && subjectType?.from === 'company' && subjectType.to === 'personal') {
    const rule = context.provinces.subjectTypeChanges.companyToPersonal;
    const [source] = rule.sources;
    if (source) notes.push({ id: 'company-to-personal-condition', text: text.companyToPersonalCondition(rule.condition), source });
  }
  return notes;
}
