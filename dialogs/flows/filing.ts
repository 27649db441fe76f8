// The filing an action concerns: the slots that ask for its number, and the filing as the rules
// and orders see it.
import type { ActionRequest } from '../../src/domain/rules/index.js';
import { message, type MessageRef } from '../../src/knowledge/catalogue.js';
import type { DomainName, IcpNumber } from '../../src/understanding/entities.js';
import { domainParser, icpNumberParser } from '../../src/understanding/field-parsers.js';
import type { ProvinceDirectory } from '../../src/understanding/provinces.js';
import { slot, type SlotDeclaration } from '../form/flow-declaration.js';

/** `level` says whether the order names the subject's number or the website's (the number as given). */
export function filingOf(icp: IcpNumber | undefined, domain: DomainName | undefined, level: 'subject' | 'asGiven'): ActionRequest['filing'] {
  return {
    icpNumber: level === 'subject' ? (icp?.subject ?? '') : (icp?.normalized ?? ''),
    subjectNumber: icp?.subject ?? '',
    province: icp?.province.id ?? '',
    domains: domain ? [domain.ascii] : [],
  };
}

/** What a flow on a subject or one of its websites keeps: the scope decides which number it asks for. */
interface ScopedFiling {
  scope?: 'subject' | 'website';
  subjectNumber?: IcpNumber;
  websiteNumber?: IcpNumber;
}

/**
 * The subject's number for a subject, the website's (with its "-1") for a website; a number given
 * up front fills the slot when it fits the scope.
 */
export function filingNumberSlots(provinces: ProvinceDirectory): SlotDeclaration<ScopedFiling>[] {
  return [
    slot<ScopedFiling, 'subjectNumber'>({
      name: 'subjectNumber',
      parse: icpNumberParser(provinces, 'either'),
      prompt: () => ({ text: message('filing.askSubjectNumber', { example: message('example.subjectNumber') }) }),
      when: (filled) => filled.scope === 'subject',
      prefill: (given, filled) => (filled.scope === 'subject' ? given.icp : undefined),
    }),
    slot<ScopedFiling, 'websiteNumber'>({
      name: 'websiteNumber',
      parse: icpNumberParser(provinces, 'website'),
      prompt: () => ({ text: message('filing.askWebsiteNumber', { example: message('example.websiteNumber') }) }),
      when: (filled) => filled.scope === 'website',
      prefill: (given, filled) => (filled.scope === 'website' && given.icp?.website !== undefined ? given.icp : undefined),
    }),
  ];
}

/** The filing number of a scoped flow, as the user gave it. */
export function scopedNumber(filled: ScopedFiling): IcpNumber | undefined {
  return filled.scope === 'subject' ? filled.subjectNumber : filled.websiteNumber;
}

/** A flow that keeps the domain its order names. */
interface WithDomain {
  domain?: DomainName;
}

/**
 * The slot for the domain an order names, asked with `question` when `when` says so and filled
 * from a domain the user gave up front. The constraint on F keeps the slot a DomainName, as slot()
 * would check for one flow.
 */
export function domainSlot<F extends WithDomain>(question: (filled: F) => MessageRef, when: (filled: F) => boolean): SlotDeclaration<F> {
  return { name: 'domain', parse: domainParser, prompt: (filled) => ({ text: question(filled) }), when, prefill: (given) => given.domain };
}

/** What a flow on one filing, exactly as filed, keeps: its number and its domain. */
interface FilingAsFiled {
  number?: IcpNumber;
  domain?: DomainName;
}

/**
 * The number and the domain of a filing, each filled from what the user gave up front; the domain
 * is asked with `askDomain`, or never (then only a domain the user gave is kept, for the order).
 */
export function asFiledSlots(provinces: ProvinceDirectory, askNumber: MessageRef, askDomain?: MessageRef): SlotDeclaration<FilingAsFiled>[] {
  return [
    slot<FilingAsFiled, 'number'>({ name: 'number', parse: icpNumberParser(provinces, 'either'), prompt: () => ({ text: askNumber }), prefill: (given) => given.icp }),
    domainSlot<FilingAsFiled>(() => askDomain ?? message('cancel.askDomain'), () => askDomain !== undefined),
  ];
}
