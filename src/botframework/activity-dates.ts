// An activity body as CloudAdapter would hand it to a turn: its date fields turned into Dates.
import type { Activity } from 'botbuilder';
// Bypass of botbuilder (checked on 4.23.3, see bypasses.ts): validateAndFixActivity is not exported
// from the package root; it is what CloudAdapter.process() applies to a request body, and the
// server, which reads the body itself (FilingAdapter.runActivity), must apply the same.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator.js';

/** The activity with timestamp, localTimestamp and expiration as Dates, as process() gives a turn. */
export function withActivityDates(activity: Activity): Activity {
  return validateAndFixActivity(activity);
}
