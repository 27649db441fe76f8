// Only the filing subject cancels online; anyone else (or anyone who cannot) goes through the province's administration.
import { message, type MessageRef } from '../../knowledge/catalogue.js';
import { provinceNameIn, type Rule, type RuleContext } from './rule.js';

/** Where a filing of this province is cancelled when not online here: its own site, else its form. */
function routeFor(request: { province: string }, context: RuleContext): MessageRef {
  const { provinces } = context;
  const province = provinceNameIn(context, request.province);
  const site = provinces.ownCancellationSites.sites.find((s) => s.province === request.province);
  if (site) {
    const route = message(site.mustLogOn ? 'rule.notFilingSubject.siteLogOn' : 'rule.notFilingSubject.site', { province, url: site.url });
    return site.processedEvery
      ? message('rule.notFilingSubject.processedEvery', { route, day: message(`weekday.${site.processedEvery}`) })
      : route;
  }
  const form = provinces.cancellationForms.forms.find((f) => f.province === request.province);
  return form
    ? message('rule.notFilingSubject.form', { region: form.region, url: form.url })
    : message('rule.notFilingSubject.noForm', { province });
}

export const notFilingSubject: Rule = {
  id: 'not-filing-subject',
  appliesTo: ['cancel_subject', 'cancel_website'],
  check(request, context) {
    const notSubject = request.isFilingSubject === false;
    if (!notSubject && request.canCancelOnline !== false) return undefined;
    const icpNumber = request.filing.icpNumber;
    return {
      reason: message(notSubject ? 'rule.notFilingSubject.reasonNotSubject' : 'rule.notFilingSubject.reasonNotOnline', { icpNumber }),
      instead: routeFor(request.filing, context),
      source: context.citations.get('notFilingSubject'),
    };
  },
};
