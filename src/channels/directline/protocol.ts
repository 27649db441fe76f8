// The Direct Line 3.0 shapes the local channel accepts and returns, parsed by zod at the HTTP edge.
import { z } from 'zod';
import { MAX_ACTIVITY_TEXT_CHARS } from '../../http/activity-shape.js';

/** Where the local Direct Line lives; Web Chat's `domain` is the origin plus this path. */
export const DIRECTLINE_PATH = '/v3/directline';

/**
 * The channel id the bot sees for this local channel. Not Azure's "webchat": users here name
 * themselves, so they must never be taken for (and see the orders of) Azure Web Chat users.
 */
export const WEBCHAT_CHANNEL_ID = 'local-webchat';

/** What tokens report as their lifetime; Direct Line clients refresh at half of it. */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** Longer texts are not questions about a filing: the same limit as on /api/messages. */
export const MAX_TEXT_CHARS = MAX_ACTIVITY_TEXT_CHARS;
const MAX_ID_CHARS = 256;
const MAX_ITEMS = 20;

const Account = z.object({
  id: z.string().trim().min(1).max(MAX_ID_CHARS).optional(),
  name: z.string().max(MAX_ID_CHARS).optional(),
});

/** POST /conversations and POST /tokens/generate: both bodies are optional. */
export const StartConversationBody = z
  .object({
    user: Account.optional(),
    locale: z.string().max(35).optional(),
  })
  .optional();

/**
 * An activity posted by a client. Only the fields a client may set pass; ids, timestamps, the
 * conversation and the recipient are the channel's to assign. Invokes are refused: this channel
 * has no way to return an invoke response.
 */
export const PostedActivity = z.object({
  type: z.enum(['message', 'event', 'typing'], { error: 'type must be message, event or typing' }),
  from: Account.extend({ role: z.string().max(32).optional() }).optional(),
  text: z.string().max(MAX_TEXT_CHARS, `text must be at most ${MAX_TEXT_CHARS} characters`).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(35).optional(),
  localTimezone: z.string().max(64).optional(),
  name: z.string().max(MAX_ID_CHARS).optional(),
  value: z.unknown().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.looseObject({ type: z.string().max(MAX_ID_CHARS) })).max(MAX_ITEMS).optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(MAX_ID_CHARS) }))
    .max(MAX_ITEMS)
    .optional(),
});
export type PostedActivity = z.infer<typeof PostedActivity>;

/** `?watermark=` is empty or a non-negative whole number. */
export const Watermark = z
  .union([z.literal(''), z.string().regex(/^\d{1,15}$/, 'watermark must be a whole number')])
  .optional()
  .transform((w) => (w === undefined || w === '' ? 0 : Number(w)));

/** The body of every error, as the Direct Line service shapes it. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** A zod error as one sentence a developer can act on. */
export function describeIssues(error: z.ZodError): string {
  const [issue] = error.issues;
  if (!issue) return 'the request is invalid';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
