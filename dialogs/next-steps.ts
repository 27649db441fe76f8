// What the user does after an order is recorded, for their province: documents, the photo,
// phone verification and review times, composed from the procedures and the province rules.
import { provinceName } from '../src/domain/province-name.js';
import type { ProvinceRules } from '../src/knowledge/province-rules-schema.js';

const REVIEW = 'The local communications administration then reviews it, usually in 3 to 20 workdays; the result comes by text message and email.';

function inList(list: readonly string[], province: string): boolean {
  return list.includes(province);
}

/** The photo, documents and phone steps of a transfer or a change in this province. */
export function applicationSteps(province: string, rules: ProvinceRules, kind: 'transfer' | 'change'): string[] {
  const name = provinceName(rules, province);
  const steps = [
    'Log on to the ICP Filing system and upload scanned copies or photos of the required documents with the signed authenticity statement (download its template there); domain name certificates only if your administration asks for them.',
    // Only the change guide (004) gives the provider's review time.
    `Keep your phone in service and answer calls during working hours in China: Alibaba Cloud reviews your information${kind === 'change' ? ' within one workday' : ''} and calls you if something is wrong.`,
  ];
  if (inList(rules.appUpload.provinces, province)) {
    steps.push(`In ${name} you can also use the Alibaba Cloud app to upload documents and verify the website administrator.`);
  }
  const app = rules.administratorVerificationApps.apps.find((a) => a.province === province);
  steps.push(
    app
      ? `${name} requires the website administrator to be verified with the ${app.app}.`
      : 'After that review, upload a photo of the website administrator taken in front of the photo backdrop (request it on the document uploading page with a mainland China address) or at a designated photo place; do not wear red or blue.',
  );
  const phone = rules.phoneVerification;
  if (inList(phone.provinces, province)) {
    steps.push(
      `${name} verifies by phone: MIIT sends a text message within ${phone.smsWithinMinutes} minutes of Alibaba Cloud's notice; follow it within ${phone.answerWithinHours} hours or the application is rejected.` +
        (phone.laterReports ? ` Later reports give ${phone.laterReports.answerWithinHours} hours, so answer at once.` : ''),
    );
  } else if (phone.laterReports) {
    steps.push(
      `The help material lists no phone verification for ${name}, but later reports say every province verifies by phone since ${phone.laterReports.allProvincesSince}: if a text message from MIIT arrives, follow it at once.`,
    );
  }
  steps.push(REVIEW);
  return steps;
}

export function cancellationSteps(scope: 'subject' | 'website'): string[] {
  return [
    `Log on to the ICP Filing system and click ${scope === 'subject' ? 'Cancel Subject' : 'Cancel Website'} on your ICP Filing information page.`,
    'Enter your ICP Filing password issued by MIIT there and confirm (never give it to me or anyone else; if you forgot it, retrieve it from the MIIT website).',
    'The local communications administration reviews the cancellation, usually in 3 to 20 business days; once it is approved the filing is cancelled and the website can no longer be accessed.',
    'To file the domain again later, wait until Public Query (www.miitbeian.gov.cn) returns nothing for it.',
  ];
}

export function cancelTransferSteps(): string[] {
  return [
    'Log on to the ICP Filing system, click Cancel ICP Filing Transfer on the ICP Filing information page and confirm.',
    'Enter the verification code sent to your mobile phone, then your ICP Filing password issued by MIIT (never give it to me).',
    'Submit a transfer application with the hosting provider you now use right away, so your website stays accessible.',
  ];
}
