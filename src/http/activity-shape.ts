// What /api/messages accepts before the Bot Framework adapter sees it: an activity of sane shape
// and size, checked by zod at the edge. Fields it does not name pass through unchanged.
import { DeliveryModes, type Activity } from 'botbuilder';
import { z } from 'zod';
import { withActivityDates } from '../botframework/activity-dates.js';

/** Longer texts are not questions about a filing; refused with 413 (the payload is too large). */
export const MAX_ACTIVITY_TEXT_CHARS = 4000;
const MAX_TYPE_CHARS = 64;
/** Channel ids are short, but Teams conversation and user ids run to a few hundred characters. */
const MAX_ID_CHARS = 1024;
const MAX_NAME_CHARS = 256;
const MAX_URL_CHARS = 2048;
const MAX_ITEMS = 100;

/**
 * Activity types this bot cannot answer: an invoke wants an invoke response, and with no handler
 * for any the adapter would answer 501. Refused up front instead (as the local Direct Line does).
 */
const REFUSED_TYPES: ReadonlySet<string> = new Set(['invoke']);

/** Channels leave optional fields out, but some serialisers write them as null. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

/** A string with something in it; checked, not trimmed, since the adapter reads the body as sent. */
const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => text.trim() !== '', 'must not be blank');

const Account = z.looseObject({
  id: nonBlank(MAX_ID_CHARS),
  name: optional(z.string().max(MAX_NAME_CHARS)),
  role: optional(z.string().max(MAX_TYPE_CHARS)),
});

/** The adapter turns these into Dates; a string that is no date would become an Invalid Date. */
const DateText = z
  .string()
  .max(64)
  .refine((text) => !Number.isNaN(Date.parse(text)), 'must be a date and time');

export const InboundActivity = z
  .looseObject({
    type: nonBlank(MAX_TYPE_CHARS).refine((type) => !REFUSED_TYPES.has(type), 'is not one this bot answers'),
    id: optional(z.string().max(MAX_ID_CHARS)),
    channelId: nonBlank(MAX_TYPE_CHARS),
    serviceUrl: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(MAX_URL_CHARS)),
    from: Account,
    recipient: optional(Account),
    conversation: z.looseObject({
      id: nonBlank(MAX_ID_CHARS),
      name: optional(z.string().max(MAX_NAME_CHARS)),
      conversationType: optional(z.string().max(MAX_TYPE_CHARS)),
      tenantId: optional(z.string().max(MAX_ID_CHARS)),
    }),
    text: optional(z.string().max(MAX_ACTIVITY_TEXT_CHARS, `must be at most ${MAX_ACTIVITY_TEXT_CHARS} characters`)),
    locale: optional(z.string().max(35)),
    deliveryMode: optional(z.string().max(MAX_TYPE_CHARS)),
    replyToId: optional(z.string().max(MAX_ID_CHARS)),
    timestamp: optional(DateText),
    localTimestamp: optional(DateText),
    expiration: optional(DateText),
    membersAdded: optional(z.array(Account).max(MAX_ITEMS)),
    membersRemoved: optional(z.array(Account).max(MAX_ITEMS)),
    entities: optional(z.array(z.looseObject({ type: optional(z.string().max(MAX_NAME_CHARS)) })).max(MAX_ITEMS)),
    attachments: optional(z.array(z.looseObject({ contentType: optional(z.string().max(MAX_NAME_CHARS)) })).max(MAX_ITEMS)),
  })
  .superRefine((activity, context) => {
    // Replies go to the serviceUrl; without one the connector would post them to its default host.
    if (!activity.serviceUrl && activity.deliveryMode !== DeliveryModes.ExpectReplies) {
      context.addIssue({ code: 'custom', path: ['serviceUrl'], message: 'is required unless deliveryMode is expectReplies' });
    }
  });

export interface ActivityProblem {
  status: 400 | 413;
  message: string;
}

/** Why a parsed body is not an activity this bot takes, as one sentence; undefined when it is. */
function activityProblem(body: unknown): ActivityProblem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, message: 'the body must be a Bot Framework activity (a JSON object)' };
  }
  const result = InboundActivity.safeParse(body);
  if (result.success) return undefined;
  const [issue] = result.error.issues;
  if (!issue) return { status: 400, message: 'the body is not a valid activity' };
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  const message = `the activity is invalid: ${where}${issue.message}`;
  const tooLong = issue.code === 'too_big' && issue.path.length === 1 && issue.path[0] === 'text';
  return { status: tooLong ? 413 : 400, message };
}

/** What the schema above guarantees, as TypeScript sees it (the schema's own type is looser). */
function isActivity(body: unknown): body is Activity {
  return typeof body === 'object' && body !== null && 'type' in body && typeof body.type === 'string';
}

/**
 * The body as the adapter takes it (its date fields turned into Dates, as CloudAdapter.process
 * does), or why it is refused.
 */
export function checkActivity(body: unknown): { activity: Activity } | { problem: ActivityProblem } {
  const problem = activityProblem(body);
  if (problem) return { problem };
  if (!isActivity(body)) return { problem: { status: 400, message: 'the body is not a valid activity' } };
  return { activity: withActivityDates(body) };
}
