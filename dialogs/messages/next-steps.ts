// What the user does after an order is recorded: the filing system's steps for each action, and for
// a transfer or a change the documents, photo, phone verification and review that their province asks.
import { provinceName } from '../../src/domain/province-name.js';
import { message, type MessageRef } from '../../src/knowledge/catalogue.js';
import type { ProvinceRules } from '../../src/knowledge/province-rules-schema.js';

/** The photo, documents and phone steps of a transfer or a change in this province. */
export function applicationSteps(province: string, rules: ProvinceRules, kind: 'transfer' | 'change'): MessageRef[] {
  const name = provinceName(rules, province);
  const steps: MessageRef[] = [
    message('steps.uploadDocuments'),
    // Only the change guide (004) gives the provider's review time.
    message(kind === 'change' ? 'steps.providerReviewOneWorkday' : 'steps.providerReview'),
  ];
  if (rules.appUpload.provinces.includes(province)) steps.push(message('steps.appUpload', { province: name }));
  const app = rules.administratorVerificationApps.apps.find((a) => a.province === province);
  steps.push(app ? message('steps.verificationApp', { province: name, app: app.app }) : message('steps.photo'));
  const phone = rules.phoneVerification;
  if (phone.provinces.includes(province)) {
    const timing = { province: name, smsMinutes: phone.smsWithinMinutes, answerHours: phone.answerWithinHours };
    steps.push(
      phone.laterReports
        ? message('steps.phoneWithLaterReports', { ...timing, laterHours: phone.laterReports.answerWithinHours })
        : message('steps.phone', timing),
    );
  } else if (phone.laterReports) {
    steps.push(message('steps.phoneLaterReportsOnly', { province: name, since: phone.laterReports.allProvincesSince }));
  }
  steps.push(message('steps.review'));
  return steps;
}

export function cancellationSteps(scope: 'subject' | 'website'): MessageRef[] {
  return [
    message('steps.cancel.logOn', { button: message(scope === 'subject' ? 'cancel.scope.subject' : 'cancel.scope.website') }),
    message('steps.cancel.password'),
    message('steps.cancel.review'),
    message('steps.cancel.fileAgain'),
  ];
}

export function cancelTransferSteps(): MessageRef[] {
  return [message('cancelTransfer.step.cancel'), message('cancelTransfer.step.verify'), message('cancelTransfer.step.reapply')];
}
