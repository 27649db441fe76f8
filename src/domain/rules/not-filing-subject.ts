// Only the filing subject cancels online; anyone else (or anyone who cannot) goes through the province's administration.
import type { ProvinceRules } from '../../knowledge/province-rules-schema.js';
import type { Citation } from '../../knowledge/schema.js';
import { provinceNameIn, type Rule, type RuleContext } from './rule.js';

export const notFilingSubjectSource: Citation = {
  doc: '000_8f40d240c022136d.txt',
  section: 'Cancel an ICP Filing',
  quote:
    'If you are not the ICP Filing subject, or you cannot cancel it online for some reason, you visit the Communication administration systems to download the application form',
};

type Site = ProvinceRules['ownCancellationSites']['sites'][number];
type Form = ProvinceRules['cancellationForms']['forms'][number];

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const text = {
  reasonNotSubject: (icpNumber: string) => `Only the filing subject can cancel ${icpNumber} online.`,
  reasonNotOnline: (icpNumber: string) => `${icpNumber} cannot be cancelled online here.`,
  site: (province: string, site: Site) =>
    [
      `Cancel it on the ${province} communications administration's own site (${site.url})`,
      site.mustLogOn ? ': log on there first, then cancel.' : '.',
      site.processedEvery
        ? ` Applications sent there are processed every ${capitalised(site.processedEvery)}.`
        : '',
    ].join(''),
  form: (form: Form) =>
    `Download the ${form.region} cancellation form (${form.url}) and send it with your identification documents to the communications administration; the form says how.`,
  noForm: (province: string) =>
    `Download the cancellation form from the ${province} communications administration's website and send it with your identification documents.`,
};

/** Where a filing of this province is cancelled when not online here: its own site, else its form. */
function routeFor(request: { province: string }, context: RuleContext): string {
  const { provinces } = context;
  const name = provinceNameIn(context, request.province);
  const site = provinces.ownCancellationSites.sites.find((s) => s.province === request.province);
  if (site) return text.site(name, site);
  const form = provinces.cancellationForms.forms.find((f) => f.province === request.province);
  return form ? text.form(form) : text.noForm(name);
}

export const notFilingSubject: Rule = {
  id: 'not-filing-subject',
  appliesTo: ['cancel_subject', 'cancel_website'],
  check(request, context) {
    const notSubject = request.isFilingSubject === false;
    if (!notSubject && request.canCancelOnline !== false) return undefined;
    return {
      reason: notSubject
        ? text.reasonNotSubject(request.filing.icpNumber)
        : text.reasonNotOnline(request.filing.icpNumber),
      instead: routeFor(request.filing, context),
      source: notFilingSubjectSource,
    };
  },
};
